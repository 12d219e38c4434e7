package uk.childvoice.reporting.cube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class CubeTest {

    @Test
    void cellsWithEqualCoordinatesAreOneCellAndEachIsVisitedWithItsValues() {
        // given the same cell twice (equal but distinct arrays), and cells differing in one value or a missing one
        String[] a = {"supportReceived", "teacher", "9-12"};
        String[] b = {"supportReceived", "friend", "9-12"};
        String[] c = {"supportReceived", null, "9-12"};
        Cube cube = new Cube(3);

        // when they are added (one subtracted again, as retention does)
        for (String[] cell : List.of(a, b, c, a.clone())) {
            cube.add(cell, 1, 10);
        }
        cube.add(b.clone(), -1, -10);

        // then equal coordinates were summed into one cell, the others kept apart, and a visit gives each back
        assertThat(cube.size()).isEqualTo(3);
        Map<String, long[]> visited = new HashMap<>();
        cube.forEach(0, Integer.MAX_VALUE, (cell, count, keySum) -> visited.put(Arrays.toString(cell), new long[] {count, keySum}));
        assertThat(visited.get(Arrays.toString(a))).containsExactly(2, 20);
        assertThat(visited.get(Arrays.toString(b))).containsExactly(0, 0);
        assertThat(visited.get(Arrays.toString(c))).containsExactly(1, 10);
    }

    @Test
    void rollUpsOfManyCellsEqualTheSumsOfWhatWasAdded() {
        // given 200,000 additions over three dimensions (enough cells to grow the arrays and the index many times)
        Cube cube = new Cube(3);
        Map<String, long[]> expected = new HashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            String[] cell = {"r" + random.nextInt(300), "c" + random.nextInt(40), "f" + random.nextInt(20)};
            int key = random.nextInt(4096);
            cube.add(cell, 1, key);
            long[] sums = expected.computeIfAbsent(cell[0] + "|" + cell[1], k -> new long[2]);
            sums[0]++;
            sums[1] += key;
        }
        // when the cube is rolled up to the first two dimensions
        Cube.RollUp all = cube.rollUp(0, 1, null);

        // then every cell is the sum of what was added to it
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            String[] rc = e.getKey().split("\\|");
            int row = all.rowValues().indexOf(rc[0]);
            int column = all.columnValues().indexOf(rc[1]);
            assertThat(all.count(row, column)).as(e.getKey()).isEqualTo(e.getValue()[0]);
            assertThat(all.keySum(row, column)).as(e.getKey()).isEqualTo(e.getValue()[1]);
        }
        assertThat(cube.size()).isGreaterThan(100_000);
    }

    @Test
    void aKeySumPastTwoToTheThirtyFirstKeepsItsCellKey() {
        // given a cell whose record keys sum past what an int holds (a national total), and a cell of its own key sum
        Cube cube = new Cube(1);
        long huge = 0;
        for (int i = 0; i < 40; i++) {
            cube.add(new String[] {"all"}, 1_000_000, 100_000_003L);
            huge += 100_000_003L;
        }
        cube.add(new String[] {"small"}, 1, 255);

        // when it is rolled up
        Cube.RollUp all = cube.rollUp(0, -1, null);

        // then its key sum is the true sum modulo 2^32, so the cell key (modulo a power-of-two key space) is the true one
        int row = all.rowValues().indexOf("all");
        assertThat(huge).isGreaterThan(Integer.MAX_VALUE);
        assertThat(all.count(row, 0)).isEqualTo(40_000_000L);
        assertThat(Math.floorMod(all.keySum(row, 0), 1L << 32)).isEqualTo(huge % (1L << 32));
        assertThat(Math.floorMod(all.keySum(row, 0), 256L)).isEqualTo(huge % 256);
        assertThat(all.keySum(all.rowValues().indexOf("small"), 0)).isEqualTo(255L);
    }

    @Test
    void aDimensionWithMoreValuesThanTheCodesHoldIsRefusedClearly() {
        Cube cube = new Cube(1);
        for (int i = 0; i < Cube.MAX_VALUES; i++) {
            cube.add(new String[] {"v" + i}, 1, 0);
        }
        assertThatThrownBy(() -> cube.add(new String[] {"one-more"}, 1, 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("65535 values");
        assertThat(cube.presentValues(0)).hasSize(Cube.MAX_VALUES);
    }
}
