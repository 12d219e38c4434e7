package uk.childvoice.intake.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.smallrye.mutiny.subscription.UniEmitter;

class MicroBatcherTest {
    /** A batch operation whose batches the test completes by hand, as a slow database would. */
    static final class HeldOperation {
        final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        final List<UniEmitter<? super List<String>>> open = new CopyOnWriteArrayList<>();

        Uni<List<String>> apply(List<Integer> items) {
            batches.add(List.copyOf(items));
            return Uni.createFrom().emitter(open::add);
        }

        void answer(int batch) {
            open.get(batch).complete(batches.get(batch).stream().map(i -> "r" + i).toList());
        }
    }

    static List<UniAssertSubscriber<String>> submitAll(MicroBatcher<Integer, String> batcher, int from, int to) {
        List<UniAssertSubscriber<String>> subscribers = new ArrayList<>();
        for (int i = from; i < to; i++) {
            subscribers.add(batcher.submit(i).subscribe().withSubscriber(UniAssertSubscriber.create()));
        }
        return subscribers;
    }

    @Test
    void aLoneItemIsSentAtOnceWithoutWaitingForCompany() {
        HeldOperation db = new HeldOperation();
        MicroBatcher<Integer, String> batcher = new MicroBatcher<>(db::apply, 100, 1);

        UniAssertSubscriber<String> caller = batcher.submit(7).subscribe().withSubscriber(UniAssertSubscriber.create());

        assertThat(db.batches).containsExactly(List.of(7));
        db.answer(0);
        caller.assertItem("r7");
    }

    @Test
    void itemsArrivingWhileABatchRunsAreSentTogetherAndEachCallerGetsItsOwnResult() {
        // Given one batch running and a limit of one batch at a time
        HeldOperation db = new HeldOperation();
        MicroBatcher<Integer, String> batcher = new MicroBatcher<>(db::apply, 100, 1);
        List<UniAssertSubscriber<String>> first = submitAll(batcher, 0, 1);

        // When fifty more callers arrive, then they wait, and all go as one batch once the first returns
        List<UniAssertSubscriber<String>> rest = submitAll(batcher, 1, 51);
        assertThat(db.batches).hasSize(1);
        assertThat(batcher.waiting()).isEqualTo(50);
        db.answer(0);
        assertThat(db.batches).hasSize(2);
        assertThat(db.batches.get(1)).hasSize(50).startsWith(1, 2, 3).endsWith(50);
        db.answer(1);

        first.get(0).assertItem("r0");
        for (int i = 0; i < rest.size(); i++) {
            rest.get(i).assertItem("r" + (i + 1));
        }
        assertThat(batcher.batchesRun()).isEqualTo(2);
        assertThat(batcher.itemsRun()).isEqualTo(51);
    }

    @Test
    void batchesNeverExceedTheSizeLimitOrTheInFlightLimit() {
        HeldOperation db = new HeldOperation();
        MicroBatcher<Integer, String> batcher = new MicroBatcher<>(db::apply, 10, 2);

        List<UniAssertSubscriber<String>> callers = submitAll(batcher, 0, 35);

        // Two single-item batches went at once; the other 33 wait for a free slot.
        assertThat(db.batches).containsExactly(List.of(0), List.of(1));
        db.answer(0);
        db.answer(1);
        assertThat(db.batches).hasSize(4);
        assertThat(db.batches.subList(2, 4)).allSatisfy(b -> assertThat(b).hasSize(10));
        db.answer(2);
        db.answer(3);
        db.answer(4);
        db.answer(5);
        assertThat(db.batches.stream().mapToInt(List::size).sum()).isEqualTo(35);
        assertThat(db.batches).allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(10));
        callers.forEach(c -> assertThat(c.getItem()).startsWith("r"));
    }

    @Test
    void aFailedBatchFailsEveryCallerInItAndTheNextBatchStillRuns() {
        HeldOperation db = new HeldOperation();
        MicroBatcher<Integer, String> batcher = new MicroBatcher<>(db::apply, 100, 1);
        List<UniAssertSubscriber<String>> first = submitAll(batcher, 0, 1);
        List<UniAssertSubscriber<String>> second = submitAll(batcher, 1, 21);
        List<UniAssertSubscriber<String>> third;

        db.answer(0);
        third = submitAll(batcher, 21, 25);
        IllegalStateException down = new IllegalStateException("connection refused");
        db.open.get(1).fail(down);
        db.answer(2);

        first.get(0).assertItem("r0");
        second.forEach(c -> c.assertFailedWith(IllegalStateException.class, "connection refused"));
        third.forEach(c -> assertThat(c.getItem()).startsWith("r"));
    }

    @Test
    void aBatchAnsweringTheWrongNumberOfResultsFailsEveryCallerInIt() {
        // Given a first batch held open, so that the next two callers share one batch
        HeldOperation gate = new HeldOperation();
        MicroBatcher<Integer, String> batcher = new MicroBatcher<>(items -> items.size() == 1 ? gate.apply(items)
                : Uni.createFrom().item(List.of("only one")), 100, 1);
        UniAssertSubscriber<String> a = batcher.submit(1).subscribe().withSubscriber(UniAssertSubscriber.create());
        List<UniAssertSubscriber<String>> pair = submitAll(batcher, 2, 4);

        // When the first returns, the pair's batch answers one result for two items
        gate.answer(0);

        a.assertItem("r1");
        pair.forEach(c -> c.assertFailedWith(IllegalStateException.class, "answered 1 results"));
    }
}
