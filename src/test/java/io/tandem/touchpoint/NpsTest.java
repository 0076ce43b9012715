package io.tandem.touchpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** NPS arithmetic: promoters 9–10, passives 7–8, detractors 0–6; score = %promoters − %detractors. */
class NpsTest {

    @Test
    void noAnswersHaveNoScoreNotZero() {
        Nps nps = Nps.of(List.of());
        assertEquals(0, nps.answers());
        assertNull(nps.score());
    }

    @Test
    void allPromotersIs100AllDetractorsIsMinus100AllPassivesIs0() {
        assertEquals(100, Nps.of(List.of(9, 10, 10)).score());
        assertEquals(-100, Nps.of(List.of(0, 6, 3)).score());
        assertEquals(0, Nps.of(List.of(7, 8)).score());
        assertEquals(100, Nps.of(List.of(9)).score());
    }

    @Test
    void theBoundariesFallWhereTheDefinitionSays() {
        assertEquals(Nps.Category.DETRACTOR, Nps.Category.of(6));
        assertEquals(Nps.Category.PASSIVE, Nps.Category.of(7));
        assertEquals(Nps.Category.PASSIVE, Nps.Category.of(8));
        assertEquals(Nps.Category.PROMOTER, Nps.Category.of(9));
        assertThrows(IllegalArgumentException.class, () -> Nps.Category.of(11));
        assertThrows(IllegalArgumentException.class, () -> Nps.Category.of(-1));
    }

    @Test
    void mixedAnswersAreRoundedHalfAwayFromZero() {
        Nps nps = Nps.of(List.of(10, 9, 8, 6, 0)); // 2 promoters, 1 passive, 2 detractors
        assertEquals(new Nps(5, 2, 1, 2, 0), nps);
        assertEquals(33, Nps.of(List.of(10, 7, 8)).score()); // 33.3
        assertEquals(67, Nps.of(List.of(10, 9, 8)).score()); // 66.7
        assertEquals(-67, Nps.of(List.of(1, 2, 8)).score());
        assertEquals(-13, Nps.of(List.of(10, 0, 0, 8, 8, 8, 8, 8)).score()); // -12.5 → -13
        assertEquals(13, Nps.of(List.of(10, 10, 0, 8, 8, 8, 8, 8)).score()); // +12.5 → 13
    }
}
