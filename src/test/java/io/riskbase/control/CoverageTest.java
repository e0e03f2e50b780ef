package io.riskbase.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.riskbase.control.Control.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoverageTest {

    private static Coverage.Node node(long id, Long parent, Status... controls) {
        return new Coverage.Node(id, parent, List.of(controls));
    }

    @Test
    void aLeafIsCoveredByAnImplementedControlPartlyByAPlannedOneAndNotByARetiredOne() {
        Map<Long, Coverage.Result> r = Coverage.rollUp(List.of(
                node(1, null, Status.PLANNED, Status.IMPLEMENTED),
                node(2, null, Status.IMPLEMENTING),
                node(3, null, Status.RETIRED),
                node(4, null)));
        assertEquals(Coverage.Status.COVERED, r.get(1L).status());
        assertEquals(Coverage.Status.PARTIAL, r.get(2L).status());
        assertEquals(Coverage.Status.NOT_COVERED, r.get(3L).status());
        assertEquals(Coverage.Status.NOT_COVERED, r.get(4L).status());
    }

    @Test
    void aBranchRollsUpItsLeavesAtEveryLevel() {
        Map<Long, Coverage.Result> r = Coverage.rollUp(List.of(
                node(1, null),
                node(2, 1L),
                node(3, 2L, Status.IMPLEMENTED),
                node(4, 2L, Status.IMPLEMENTED),
                node(5, 1L),
                node(6, 5L),
                node(7, null),
                node(8, 7L)));
        assertEquals(Coverage.Status.COVERED, r.get(2L).status());
        assertEquals(new Coverage.Counts(2, 2, 0, 0), r.get(2L).leaves());
        assertEquals(Coverage.Status.NOT_COVERED, r.get(5L).status());
        assertEquals(Coverage.Status.PARTIAL, r.get(1L).status());
        assertEquals(new Coverage.Counts(3, 2, 0, 1), r.get(1L).leaves());
        assertEquals(Coverage.Status.NOT_COVERED, r.get(7L).status());
    }

    @Test
    void aBranchMappedItselfIsCoveredOrAtLeastPartial() {
        Map<Long, Coverage.Result> r = Coverage.rollUp(
                List.of(node(1, null, Status.IMPLEMENTED), node(2, 1L), node(3, null, Status.PLANNED), node(4, 3L)));
        assertEquals(Coverage.Status.COVERED, r.get(1L).status());
        assertEquals(Coverage.Status.PARTIAL, r.get(3L).status());
    }
}
