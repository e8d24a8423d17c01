package dev.ticketloop.deploy.processes;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heap figures of a service process come from its unified GC log; lines as JDK 25's
 * G1 writes them.
 */
class ServiceProcessesTests {

	@Test
	void heap_figures_are_the_largest_before_and_after_over_every_pause() {
		ServiceProcesses.Memory memory = ServiceProcesses.heapOf(List.of("[0.002s][info][gc] Using G1",
				"[0.472s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 15M->4M(64M) 7.740ms",
				"[0.700s][info][gc] GC(2) Pause Young (Normal) (G1 Evacuation Pause) 350M->36M(512M) 13.724ms",
				"[0.707s][info][gc] GC(4) Concurrent Mark Cycle",
				"[0.708s][info][gc] GC(4) Pause Remark 40M->39M(512M) 1.500ms",
				"[0.719s][info][gc] GC(8) Pause Young (Normal) (G1 Evacuation Pause) (Evacuation Failure: Allocation) "
						+ "2G->60M(3G) 0.797ms",
				"[0.750s][info][gc] GC(9) Pause Full (System.gc()) 900K->512K(64M) 2.000ms",
				"[0.760s][info][gc] GC(4) Concurrent Mark Cycle 53.123ms"), 7 << 20);

		assertThat(memory.collections()).isEqualTo(5);
		assertThat(memory.peakHeapBytes()).isEqualTo(2L << 30);
		assertThat(memory.maxHeapAfterGcBytes()).isEqualTo(60L << 20);
		assertThat(memory.lastHeapAfterGcBytes()).isEqualTo(512L << 10);
		assertThat(memory.pauseMillis()).isCloseTo(7.740 + 13.724 + 1.5 + 0.797 + 2.0,
				org.assertj.core.api.Assertions.within(1e-9));
		assertThat(memory.peakResidentBytes()).isEqualTo(7 << 20);
	}

	@Test
	void no_collection_yet_is_zero_not_an_error() {
		ServiceProcesses.Memory memory = ServiceProcesses.heapOf(List.of("[0.002s][info][gc] Using G1"), 0);

		assertThat(memory.collections()).isZero();
		assertThat(memory.peakHeapBytes()).isZero();
	}

}
