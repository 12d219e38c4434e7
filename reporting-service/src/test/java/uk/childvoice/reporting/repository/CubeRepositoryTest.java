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
            first.computeIfAbsent(new CellKey(cell), k -> new Delta(cell)).count++;
        }
        for (String[] cell : List.of(c, a, b)) {
            second.computeIfAbsent(new CellKey(cell), k -> new Delta(cell)).count++;
        }

        // when each is put in lock order
        List<Delta> one = CubeRepository.sorted(first);
        List<Delta> two = CubeRepository.sorted(second);

        // then equal coordinates were summed into one cell, and both orders agree
        assertThat(first).hasSize(3);
        assertThat(first.get(new CellKey(a.clone())).count).isEqualTo(2);
        assertThat(one).extracting(d -> d.cell[1]).containsExactly(null, "friend", "teacher");
        assertThat(two).extracting(d -> d.cell[1]).containsExactly(null, "friend", "teacher");
    }
}
