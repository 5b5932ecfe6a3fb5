"""Instant public checks for students (自检): form of an answer, never an expected value.

``check = for_exercise("lab1_classification")`` then ``check("q3")`` prints specific feedback
("q3: expected a DataFrame with one row per region group, got 34 rows"; "a share is a number
between 0 and 1 … did you give a percentage?"). Hidden checks of the values run only at
grading, in the instructor's process; nothing here knows an expected value, so there is
nothing to reveal or to patch. Layer: beside the widgets, below grading (which imports it).
"""
from labkit.checks.feedback import HIDDEN_NOTE, feedback, for_exercise
from labkit.checks.form import option_letters, public_problems
from labkit.checks.specs import (
    BANK_EXERCISES,
    CHECKS_SUFFIX,
    DATA_DIR,
    STUDENT_ID_ENV,
    is_student_id,
    public_specs,
    question_bank,
    student_id,
)
from labkit.checks.truth_words import FALSE_WORDS, TRUE_WORDS, as_truth

__all__ = ["BANK_EXERCISES", "CHECKS_SUFFIX", "DATA_DIR", "FALSE_WORDS", "HIDDEN_NOTE", "STUDENT_ID_ENV", "TRUE_WORDS",
           "as_truth", "feedback", "for_exercise", "is_student_id", "option_letters", "public_problems", "public_specs",
           "question_bank", "student_id"]
