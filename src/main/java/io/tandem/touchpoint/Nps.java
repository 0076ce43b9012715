package io.tandem.touchpoint;

import java.util.Collection;

/**
 * Net Promoter Score of a set of 0–10 answers: the share of promoters (9–10) minus the share of detractors (0–6), in
 * percentage points from −100 to 100, rounded half away from zero. No answers: no score (null), not zero.
 */
public record Nps(int answers, int promoters, int passives, int detractors, Integer score) {

    /** Where one answer falls. */
    public enum Category {
        PROMOTER,
        PASSIVE,
        DETRACTOR;

        public static Category of(int score) {
            if (score < 0 || score > 10) {
                throw new IllegalArgumentException("an NPS answer is 0 to 10, not " + score);
            }
            return score >= 9 ? PROMOTER : score >= 7 ? PASSIVE : DETRACTOR;
        }
    }

    public static Nps of(Collection<Integer> scores) {
        int promoters = 0;
        int passives = 0;
        int detractors = 0;
        for (int s : scores) {
            switch (Category.of(s)) {
                case PROMOTER -> promoters++;
                case PASSIVE -> passives++;
                case DETRACTOR -> detractors++;
            }
        }
        return ofCounts(promoters, passives, detractors);
    }

    /** The score of answers already counted by category. */
    public static Nps ofCounts(int promoters, int passives, int detractors) {
        int answers = promoters + passives + detractors;
        Integer score = answers == 0
                ? null
                : (int) Math.signum(promoters - detractors) * (int) Math.round(Math.abs(promoters - detractors) * 100.0
                        / answers);
        return new Nps(answers, promoters, passives, detractors, score);
    }
}
