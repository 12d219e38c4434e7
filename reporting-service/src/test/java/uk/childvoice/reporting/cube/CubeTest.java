package uk.childvoice.reporting.cube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;

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
    void cellsAddedInOneLockAreTheCellsAddedOneByOneAndATableWaitsForTheWholeBatch() throws Exception {
        // given the same 5,000 additions made cell by cell into one cube and in batches of 100 under one lock into another
        Cube oneByOne = new Cube(2);
        Cube batched = new Cube(2);
        SplittableRandom random = new SplittableRandom(11);
        String[][] cells = new String[5_000][];
        int[] keys = new int[cells.length];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = new String[] {"q" + random.nextInt(30), "o" + random.nextInt(8)};
            keys[i] = random.nextInt(4096);
            oneByOne.add(cells[i], 1, keys[i]);
        }
        for (int from = 0; from < cells.length; from += 100) {
            int start = from;
            batched.addInOneLock(additions -> {
                for (int i = start; i < start + 100; i++) {
                    additions.add(new int[] {additions.code(0, cells[i][0]), additions.code(1, cells[i][1])}, 1, keys[i]);
                }
            });
        }

        // then every cell holds the same count and key sum
        Map<String, long[]> expected = new HashMap<>();
        oneByOne.forEach(0, oneByOne.size(), (cell, count, keySum) -> expected.put(Arrays.toString(cell), new long[] {count, keySum}));
        Map<String, long[]> actual = new HashMap<>();
        batched.forEach(0, batched.size(), (cell, count, keySum) -> actual.put(Arrays.toString(cell), new long[] {count, keySum}));
        assertThat(actual).hasSameSizeAs(expected);
        expected.forEach((cell, sums) -> assertThat(actual.get(cell)).as(cell).containsExactly(sums));

        // and a table read while a batch is being added sees none of it until the batch is complete
        Cube cube = new Cube(1);
        CountDownLatch firstAdded = new CountDownLatch(1);
        CountDownLatch readerStarted = new CountDownLatch(1);
        Thread writer = new Thread(() -> cube.addInOneLock(additions -> {
            additions.add(new int[] {additions.code(0, "all")}, 1, 1);
            firstAdded.countDown();
            try {
                readerStarted.await();
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            additions.add(new int[] {additions.code(0, "all")}, 1, 1);
        }));
        writer.start();
        firstAdded.await();
        readerStarted.countDown();
        long seen = cube.rollUp(0, -1, null).count(0, 0);
        writer.join();
        assertThat(seen).isEqualTo(2);
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
