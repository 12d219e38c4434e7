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
        java.util.Set<String> distinct = new java.util.HashSet<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            String[] cell = {"r" + random.nextInt(300), "c" + random.nextInt(40), "f" + random.nextInt(20)};
            int key = random.nextInt(4096);
            cube.add(cell, 1, key);
            distinct.add(Arrays.toString(cell));
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
        // and each cell is held once, however often the index grew while cells came back
        assertThat(cube.size()).isEqualTo(distinct.size()).isGreaterThan(100_000);
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

    @Test
    void aCubeForSumsKeepsNoPresentValuesAndTheCubeItIsAddedToKnowsThem() {
        // given sums of two records' cells, one of whose values was subtracted again (as retention does)
        Cube sums = Cube.forSums(2);
        sums.add(new String[] {"happyFriends", "happy"}, 1, 5);
        sums.add(new String[] {"happyFriends", "okay"}, 1, 7);
        sums.add(new String[] {"happyFriends", "okay"}, -1, -7);

        // when they are added to a cube that answers tables
        Cube table = new Cube(2);
        table.add(new String[] {"happyFriends", "unhappy"}, 1, 3);
        table.addAll(sums);

        // then the sums cannot be asked which values are present, and the table's cube counts them itself
        assertThatThrownBy(() -> sums.presentValues(1)).isInstanceOf(IllegalStateException.class);
        assertThat(table.presentValues(1)).containsExactlyInAnyOrder("unhappy", "happy");
        assertThat(table.presentValues(0)).containsExactly("happyFriends");
        Cube.RollUp byOption = table.rollUp(1, -1, null);
        assertThat(byOption.count(byOption.rowValues().indexOf("happy"), 0)).isEqualTo(1);
        assertThat(byOption.keySum(byOption.rowValues().indexOf("happy"), 0)).isEqualTo(5);
    }

    @Test
    void aMiddleDimensionPast256ValuesKeepsEveryCellAndItsOtherValues() {
        // given cells whose middle dimension reaches 300 values (its codes widen to two bytes on the 257th),
        // added before and after the widening, some of them twice
        Cube cube = new Cube(3);
        Map<String, long[]> expected = new HashMap<>();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 300; i++) {
                addCounted(cube, expected, new String[] {"q" + (i % 7), "la" + i, "band" + (i % 3)}, i);
            }
        }

        // when the cube is rolled up by its last dimension, filtered on the first
        Cube.RollUp byBand = cube.rollUp(2, -1, Arrays.asList(java.util.Set.of("q0"), null, null));

        // then the widening lost or moved no value: each cell is itself once, with both rounds added
        assertHoldsExactly(cube, expected);
        assertThat(cube.size()).isEqualTo(300);
        long q0Cells = java.util.stream.IntStream.range(0, 300).filter(i -> i % 7 == 0).count();
        long total = 0;
        for (int row = 0; row < byBand.rowValues().size(); row++) {
            total += byBand.count(row, 0);
        }
        assertThat(total).isEqualTo(2 * q0Cells);
        assertThat(cube.presentValues(1)).hasSize(300);
    }

    @Test
    void aClearedCubeSumsAfreshFromNothingWhateverItHeldBefore() {
        for (int widened = 0; widened < 2; widened++) {
            // given a cube for sums holding 40,000 cells (three pages), one dimension widened to two-byte codes or not
            Cube cube = Cube.forSums(3);
            int values = widened == 1 ? 300 : 200;
            for (int i = 0; i < 40_000; i++) {
                cube.add(new String[] {"old" + (i % values), "b" + (i / values), "c"}, 5, 1_000 + i);
            }

            // when it is cleared and then given 20,000 other cells, one of them twice, and one cell it had before
            cube.clear();
            assertThat(cube.size()).isZero();
            assertThat(cube.values(0)).isEmpty();
            Map<String, long[]> expected = new HashMap<>();
            for (int i = 0; i < 20_000; i++) {
                String[] cell = i == 0 ? new String[] {"old0", "b0", "c"} : new String[] {"new" + (i % 100), "b" + (i / 100), "d"};
                for (int t = 0; t < (i == 1 ? 2 : 1); t++) {
                    addCounted(cube, expected, cell, i);
                }
            }

            // then it holds exactly those cells and sums, none of what it held before the clear
            assertHoldsExactly(cube, expected);
            assertThat(cube.size()).isEqualTo(20_000);
            assertThat(cube.values(2)).containsExactly("c", "d");
        }
    }

    /** Adds a cell once with count 1 and this key, and counts it in {@code expected} (by its values). */
    private static void addCounted(Cube cube, Map<String, long[]> expected, String[] cell, long key) {
        cube.add(cell, 1, key);
        long[] sums = expected.computeIfAbsent(Arrays.toString(cell), k -> new long[2]);
        sums[0]++;
        sums[1] += key;
    }

    /** Every cell visited is one of {@code expected}, once, with its count and key sum, and every expected cell is there. */
    private static void assertHoldsExactly(Cube cube, Map<String, long[]> expected) {
        Map<String, long[]> visited = new HashMap<>();
        cube.forEach(0, Integer.MAX_VALUE, (cell, count, keySum) -> visited.put(Arrays.toString(cell), new long[] {count, keySum}));
        assertThat(visited).hasSameSizeAs(expected);
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            assertThat(visited.get(e.getKey())).as(e.getKey()).containsExactly(e.getValue());
        }
    }
}
