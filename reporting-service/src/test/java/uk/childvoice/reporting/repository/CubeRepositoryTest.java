package uk.childvoice.reporting.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import uk.childvoice.reporting.repository.CubeRepository.CellKey;
import uk.childvoice.reporting.repository.CubeRepository.Delta;

class CubeRepositoryTest {

    @Test
    void cellsWithEqualCoordinatesAreOneKey() {
        // given the same cell twice (equal but distinct arrays), and cells differing in one value or a missing one
        String[] a = {"supportReceived", "teacher", "9-12"};
        String[] b = {"supportReceived", "friend", "9-12"};
        String[] c = {"supportReceived", null, "9-12"};
        Map<CellKey, Delta> cells = new LinkedHashMap<>();

        // when they are summed by key
        for (String[] cell : List.of(a, b, c, a.clone())) {
            cells.computeIfAbsent(new CellKey(cell), k -> new Delta(cell)).count++;
        }

        // then equal coordinates were summed into one cell, and the others kept apart
        assertThat(cells).hasSize(3);
        assertThat(cells.get(new CellKey(a.clone())).count).isEqualTo(2);
        assertThat(cells.get(new CellKey(new String[] {"supportReceived", null, "9-12"})).count).isEqualTo(1);
        assertThat(new CellKey(a).hash).isNotEqualTo(new CellKey(b).hash);
    }

    @Test
    void similarCellsSpreadOverHashBuckets() {
        // given the pair cells of five-option questions crossed (the shape that made Arrays.hashCode collide)
        String[] options = {"very_happy", "happy", "okay", "unhappy", "very_unhappy", "*"};
        String[] questions = {"happyFamilyLife", "happyFriends", "happyLocalArea", "happyThingsToDo", "feelingsFuture"};
        java.util.Set<Integer> buckets = new java.util.HashSet<>();
        int cells = 0;
        for (String qa : questions) {
            for (String qb : questions) {
                for (String oa : options) {
                    for (String ob : options) {
                        buckets.add(new CellKey(new String[] {qa, oa, qb, ob, "13-17"}).hashCode() & 0xFFFF);
                        cells++;
                    }
                }
            }
        }

        // then (900 cells, 65,536 buckets) almost every cell has a bucket of its own
        assertThat(buckets.size()).isGreaterThan(cells * 95 / 100);
    }
}
