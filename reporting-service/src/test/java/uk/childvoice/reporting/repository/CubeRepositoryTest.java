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
    void cellsWithEqualCoordinatesAreOneKeyAndEveryBatchLocksCellsInTheSameOrder() {
        // given the same three cells arriving in two different orders (one cell twice, one with a missing value)
        String[] a = {"supportReceived", "teacher", "9-12"};
        String[] b = {"supportReceived", "friend", "9-12"};
        String[] c = {"supportReceived", null, "9-12"};
        Map<CellKey, Delta> first = new LinkedHashMap<>();
        Map<CellKey, Delta> second = new LinkedHashMap<>();
        for (String[] cell : List.of(a, b, c, a.clone())) {
            first.computeIfAbsent(new CellKey(cell), k -> new Delta(cell, k.hash)).count++;
        }
        for (String[] cell : List.of(c, a, b)) {
            second.computeIfAbsent(new CellKey(cell), k -> new Delta(cell, k.hash)).count++;
        }

        // when each is put in lock order
        List<Delta> one = CubeRepository.sorted(first);
        List<Delta> two = CubeRepository.sorted(second);

        // then equal coordinates were summed into one cell, and both orders agree
        assertThat(first).hasSize(3);
        assertThat(first.get(new CellKey(a.clone())).count).isEqualTo(2);
        assertThat(one).extracting(d -> d.cell[1]).containsExactlyInAnyOrder(null, "friend", "teacher");
        assertThat(two).extracting(d -> d.cell[1]).containsExactlyElementsOf(one.stream().map(d -> d.cell[1]).toList());
    }

    @Test
    void lockOrderDependsOnTheCoordinatesOnlySoEveryReplicaComputesTheSameOne() {
        // given a cell: its 64-bit hash comes from String.hashCode (specified by the language) and fixed
        // mixing, pinned here so that a change of the order (replicas of two versions could deadlock) is noticed
        String[] cell = {"happyFriends", "okay", "worryEnvironment", "a_lot", "13-17"};

        // when the key is computed twice, from equal but distinct arrays
        long one = new CellKey(cell).hash;
        long two = new CellKey(cell.clone()).hash;

        // then it is the same, the pinned value, and not the weak Arrays.hashCode
        assertThat(one).isEqualTo(two).isEqualTo(801090576019379639L);
        assertThat((int) (one ^ (one >>> 32))).isNotEqualTo(java.util.Arrays.hashCode(cell));
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
