package dev.skein.gateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutboundBudgetTest {

    @Test
    void framesFitUntilTheBudgetIsSpentAndFitAgainOnceWritten() {
        OutboundBudget budget = new OutboundBudget(100);
        assertTrue(budget.tryReserve(60));
        assertFalse(budget.tryReserve(60), "past the budget");
        assertEquals(60, budget.queued(), "a refused frame is not counted");
        budget.release(60);
        assertTrue(budget.tryReserve(60));
    }

    @Test
    void oneFrameLargerThanTheBudgetStillGoesOutOnAnIdleGateway() {
        OutboundBudget budget = new OutboundBudget(100);
        assertTrue(budget.tryReserve(1_000));
        assertFalse(budget.tryReserve(1));
    }
}
