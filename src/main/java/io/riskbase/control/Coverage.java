package io.riskbase.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The coverage rule, plain and unit-tested. A requirement's own status: COVERED when an IMPLEMENTED control is mapped
 * to it, PARTIAL when only PLANNED or IMPLEMENTING ones are, NOT_COVERED otherwise (RETIRED controls count for
 * nothing). A branch is COVERED when mapped itself or when all of its leaves are, NOT_COVERED when none of its leaves
 * is COVERED or PARTIAL and it has no own mapping, PARTIAL otherwise.
 */
public final class Coverage {

    public enum Status {
        COVERED,
        PARTIAL,
        NOT_COVERED
    }

    /** Leaf requirements by status. */
    public record Counts(
            int total,
            int covered,
            int partial,

            @jakarta.json.bind.annotation.JsonbProperty("not_covered")
            int notCovered) {

        static final Counts NONE = new Counts(0, 0, 0, 0);

        Counts plus(Counts o) {
            return new Counts(total + o.total, covered + o.covered, partial + o.partial, notCovered + o.notCovered);
        }

        static Counts of(Status s) {
            return new Counts(
                    1, s == Status.COVERED ? 1 : 0, s == Status.PARTIAL ? 1 : 0, s == Status.NOT_COVERED ? 1 : 0);
        }
    }

    /** A requirement as the rule needs it: its parent and the statuses of the controls mapped to it. */
    public record Node(long id, Long parentId, List<Control.Status> controls) {}

    public record Result(Status status, Counts leaves) {}

    private Coverage() {}

    static Status own(List<Control.Status> controls) {
        if (controls.contains(Control.Status.IMPLEMENTED)) {
            return Status.COVERED;
        }
        if (controls.contains(Control.Status.IMPLEMENTING) || controls.contains(Control.Status.PLANNED)) {
            return Status.PARTIAL;
        }
        return Status.NOT_COVERED;
    }

    /** The result of every node, by id; parents must appear in the list (children before or after them). */
    public static Map<Long, Result> rollUp(List<Node> nodes) {
        Map<Long, List<Node>> children = new HashMap<>();
        for (Node n : nodes) {
            if (n.parentId() != null) {
                children.computeIfAbsent(n.parentId(), k -> new ArrayList<>()).add(n);
            }
        }
        Map<Long, Result> results = new HashMap<>();
        for (Node n : nodes) {
            if (n.parentId() == null) {
                compute(n, children, results);
            }
        }
        // nodes whose parent is missing (should not happen): treated as roots
        for (Node n : nodes) {
            if (!results.containsKey(n.id())) {
                compute(n, children, results);
            }
        }
        return results;
    }

    private static Result compute(Node n, Map<Long, List<Node>> children, Map<Long, Result> results) {
        Status own = own(n.controls());
        List<Node> kids = children.getOrDefault(n.id(), List.of());
        Result result;
        if (kids.isEmpty()) {
            result = new Result(own, Counts.of(own));
        } else {
            Counts leaves = Counts.NONE;
            for (Node k : kids) {
                leaves = leaves.plus(compute(k, children, results).leaves());
            }
            Status status;
            if (own == Status.COVERED || leaves.covered() == leaves.total()) {
                status = Status.COVERED;
            } else if (own == Status.NOT_COVERED && leaves.covered() == 0 && leaves.partial() == 0) {
                status = Status.NOT_COVERED;
            } else {
                status = Status.PARTIAL;
            }
            result = new Result(status, leaves);
        }
        results.put(n.id(), result);
        return result;
    }
}
