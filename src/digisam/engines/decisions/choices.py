"""The decision engine's vocabulary: ballot choices, outcomes, voting bases, majorities and
escalation topics, with their Danish labels."""

YES, NO, ABSTAIN = "yes", "no", "abstain"
CHOICES = (YES, NO, ABSTAIN)
ADOPTED, REJECTED, NO_QUORUM, VETOED = "adopted", "rejected", "no_quorum", "vetoed"
PER_MEMBER, POPULATION = "per_member", "population"
SIMPLE, QUALIFIED, UNANIMITY = "simple", "qualified", "unanimity"

OUTCOME_LABELS = {ADOPTED: "vedtaget", REJECTED: "forkastet", NO_QUORUM: "ikke afgjort", VETOED: "forkastet ved veto"}
MAJORITY_LABELS = {SIMPLE: "simpelt flertal", QUALIFIED: "kvalificeret flertal", UNANIMITY: "enstemmighed"}
BASIS_LABELS = {PER_MEMBER: "én stemme pr. medlem", POPULATION: "stemmer vægtet efter indbyggertal"}

TOPICS = (("decision", "beslutning"), ("timing", "tidsramme"), ("financing", "finansiering"), ("staffing", "bemanding"))
