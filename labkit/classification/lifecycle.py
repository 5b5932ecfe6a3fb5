"""Relationship lifecycle stage from participation history (客户关系生命周期).

会展客户关系管理论文 (DOMAIN.md "Classification and segmentation"): exploration 考察期 (both sides try each
other out), formation 形成期 (fast development, growing trust), stability 稳定期 (the highest,
steady level), decline 退化期 (cooperation shrinks; it can happen at any stage). 试题库 gives
the exhibition version: cultivation 培育, confirmation 确认, trust 信任, weakening 弱化,
disappearance 消失, each with its work focus.
"""
from __future__ import annotations

import pandas as pd

from labkit.classification._checks import check_count
from labkit.classification.labels import as_segments
from labkit.facts import require_columns
from labkit.i18n import Label, LabelSet

LABELS = LabelSet({
    "exploration": Label("exploration", "考察期"),
    "formation": Label("formation", "形成期"),
    "stability": Label("stability", "稳定期"),
    "decline": Label("decline", "退化期"),
})

EXHIBITION_LABELS = LabelSet({
    "cultivation": Label("cultivation", "培育"),
    "confirmation": Label("confirmation", "确认"),
    "trust": Label("trust", "信任"),
    "weakening": Label("weakening", "弱化"),
    "disappearance": Label("disappearance", "消失"),
})

#: Work focus of each exhibition stage, as the seed-004 exam answers state it.
STAGE_FOCUS = LabelSet({
    "cultivation": Label("promote the fair (publicity, marketing)", "展会的宣传推广"),
    "confirmation": Label("raise exhibiting results, add value", "提高参展效果、增加价值"),
    "trust": Label("track changing needs and meet them", "跟踪客户需求变化并满足"),
    "weakening": Label("find the causes of dissatisfaction and remove them", "找出不满意原因并消除"),
    "disappearance": Label("limit the damage of the loss; stay attractive by innovating", "消除流失的不利影响,创新保持吸引力"),
})

#: Seed-001 stage -> seed-004 stage; decline splits by how long the customer has been away.
EXHIBITION_STAGE: dict[str, str] = {
    "exploration": "cultivation", "formation": "confirmation", "stability": "trust", "decline": "weakening",
}


def lifecycle_stage(
    features: pd.DataFrame,
    exploration_max: int = 1,
    stability_min: int = 4,
    decline_gap: int = 1,
) -> pd.Series:
    """Seed-001 stage of each customer at the latest edition.

    Rules, in this order (the seed gives no numbers; these are the kit's defaults):
    decline 退化期 if the customer has missed the latest ``decline_gap`` edition(s) in a row
    (any earlier stage can decline); exploration 考察期 if it has taken part at most
    ``exploration_max`` time(s) (never-participants are still being explored); stability
    稳定期 from ``stability_min`` participations on; formation 形成期 in between.
    """
    exploration_max = check_count(exploration_max, "exploration_max", minimum=0)
    stability_min = check_count(stability_min, "stability_min", minimum=exploration_max + 2)
    decline_gap = check_count(decline_gap, "decline_gap")
    require_columns(features, ["participations", "editions_missed"], "lifecycle_stage")
    n = features["participations"]
    missed = features["editions_missed"].astype("float64")
    stage = pd.Series("formation", index=features.index, dtype="object")
    stage[n >= stability_min] = "stability"
    stage[n <= exploration_max] = "exploration"
    stage[missed >= decline_gap] = "decline"
    return as_segments(stage, LABELS, "lifecycle_stage")


def exhibition_stage(features: pd.DataFrame, disappear_gap: int = 3, **stage_rules: int) -> pd.Series:
    """Seed-004 exhibition stage: the seed-001 stage mapped by :data:`EXHIBITION_STAGE`.

    A declining customer is *weakening* 弱化 while it has been away fewer than
    ``disappear_gap`` editions and has *disappeared* 消失 from then on. ``stage_rules`` are
    passed to :func:`lifecycle_stage`.
    """
    disappear_gap = check_count(disappear_gap, "disappear_gap")
    stage = lifecycle_stage(features, **stage_rules).astype("object").map(EXHIBITION_STAGE)
    gone = features["editions_missed"].astype("float64") >= disappear_gap
    stage[gone & (stage == "weakening")] = "disappearance"
    return as_segments(stage, EXHIBITION_LABELS, "exhibition_stage")


def stage_confusion(predicted: pd.Series, truth: pd.Series) -> pd.DataFrame:
    """Confusion matrix (混淆矩阵): rows are the true stages, columns the rule's, joined on org_id."""
    truth, predicted = truth.align(predicted, join="inner")
    table = pd.crosstab(
        pd.Categorical(truth.astype("object"), categories=list(LABELS)),
        pd.Categorical(predicted.astype("object"), categories=list(LABELS)),
        rownames=["true_stage"], colnames=["rule_stage"], dropna=False,
    )
    return table


CONFERENCE_LABELS = LabelSet({
    "potential": Label("potential customer", "潜在客户"),
    "new": Label("new customer", "新客户"),
    "repeat": Label("repeat customer", "老客户"),
    "loyal": Label("loyal customer", "忠诚客户"),
    "churned": Label("churned customer", "流失客户"),
})

#: What the conference-CRM deck (会议客户关系管理课件) asks for at each stage.
CONFERENCE_FOCUS = LabelSet({
    "potential": Label("collect their information through every channel, make first contact", "通过各种渠道获取潜在客户信息，建立初步联系"),
    "new": Label("turn the first participation into a relationship", "引导潜在客户转化为新客户，完成第一次交易"),
    "repeat": Label("keep them: raise retention, encourage coming again", "维护现有客户关系，提高客户保持率，鼓励重复购买"),
    "loyal": Label("a stable core: member benefits and exclusive services", "将老客户发展为忠诚客户，形成稳定的客户群体"),
    "churned": Label("find out why they left and win them back", "对流失客户进行分析，了解流失原因，采取措施挽回客户"),
})


def conference_stage(features: pd.DataFrame, loyal_min: int = 4, churn_gap: int = 2) -> pd.Series:
    """Conference lifecycle 会议客户生命周期 (会议客户关系管理课件): potential, new, repeat, loyal, churned.

    Rules, in this order (the deck names the stages, the numbers are the kit's):
    potential 潜在客户 never took part; churned 流失客户 took part but has missed the latest
    ``churn_gap`` editions or more (default 2); new 新客户 took part once; loyal 忠诚客户 took part
    ``loyal_min`` times or more (default 4); repeat 老客户 everyone else (2 to ``loyal_min`` - 1 times).
    """
    loyal_min = check_count(loyal_min, "loyal_min", minimum=3)
    churn_gap = check_count(churn_gap, "churn_gap")
    require_columns(features, ["participations", "editions_missed"], "conference_stage")
    n = features["participations"]
    missed = features["editions_missed"].astype("float64")
    stage = pd.Series("repeat", index=features.index, dtype="object")
    stage[n >= loyal_min] = "loyal"
    stage[n == 1] = "new"
    stage[missed >= churn_gap] = "churned"
    stage[n == 0] = "potential"
    return as_segments(stage, CONFERENCE_LABELS, "conference_stage")
