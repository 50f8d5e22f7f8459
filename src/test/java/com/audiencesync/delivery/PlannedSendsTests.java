package com.audiencesync.delivery;

import java.util.Arrays;
import java.util.Iterator;

import com.audiencesync.state.snapshot.PlanPages;
import com.audiencesync.state.snapshot.RecordCursor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlannedSendsTests {

	@Test
	void plannedRowsPassedUnmetAreDeferredButNotThoseRejectedTonight() {
		// given a table's planned rows at places 5, 7, 9 and 12, with their keys
		PlannedSends sends = new PlannedSends(cursor(5, 7, 9, 12), true);

		// when tonight's row at 7 is rejected in mapping, 5 and 9 are not met (deleted),
		// and the row at 12 is met
		sends.rejectedAt(7);
		long[] at12 = sends.at(12);

		// then 5, 7 and 9 are gone (their keys keep their entries), but only 5 and 9 are
		// deferred: 7 is counted as rejected
		assertThat(at12).isNotNull();
		assertThat(sends.takeGone()).hasSize(3);
		assertThat(sends.takeDeferred()).isEqualTo(2);
		assertThat(sends.takeDeferred()).isZero();

		// and a planned row found holding another key is deferred too
		sends.moved(at12);
		assertThat(sends.takeDeferred()).isEqualTo(1);
		assertThat(sends.ended()).hasSize(1);
	}

	@Test
	void rowsRejectedBetweenPlannedRowsMetDeferNothing() {
		// given planned rows at 100, 200 and 300, met, and every row between rejected
		PlannedSends sends = new PlannedSends(cursor(100, 200, 300), true);
		assertThat(sends.at(100)).isNotNull();
		for (long place = 101; place < 300; place++) {
			if (place != 200) {
				sends.rejectedAt(place);
			}
			else {
				assertThat(sends.at(200)).isNotNull();
			}
		}
		assertThat(sends.at(300)).isNotNull();

		// then nothing is gone or deferred
		assertThat(sends.ended()).isEmpty();
		assertThat(sends.takeDeferred()).isZero();
	}

	@Test
	void plannedRowsLeftWhenTheSourceEndsAreDeferred() {
		PlannedSends sends = new PlannedSends(cursor(3, 4), true);
		sends.rejectedAt(4);
		assertThat(sends.ended()).hasSize(2);
		assertThat(sends.takeDeferred()).isEqualTo(1);
	}

	/** Keyed planned rows at those places: place, fingerprint (2), key hash (2). */
	private static RecordCursor cursor(long... places) {
		Iterator<Long> each = Arrays.stream(places).boxed().toList().iterator();
		return (into) -> {
			if (!each.hasNext()) {
				return false;
			}
			long place = each.next();
			long[] record = { place, 1, 2, place * 31, place * 37 };
			System.arraycopy(record, 0, into, 0, PlanPages.KEYED_SEND_WIDTH);
			return true;
		};
	}

}
