"""Teaching materials (教学文件): a teaching plan (教案) per lesson and the semester schedule (授课计划).

The text is data (``labkit/data/teaching/course.json``, every entry in zh_CN, en_US and
ko_KR); :mod:`~labkit.teaching.documents` lays it out as a document, written as editable
DOCX (Word / WPS) by :mod:`~labkit.teaching.docx_out` or as HTML by :mod:`~labkit.teaching.html_out`.
"""
from __future__ import annotations

from labkit.teaching.documents import lesson_plan, project_sheet, semester_schedule
from labkit.teaching.plans import Lesson, ScheduleRow, lesson, lessons, schedule
from labkit.teaching.writing import FORMATS, write_document

__all__ = ["FORMATS", "Lesson", "ScheduleRow", "lesson", "lesson_plan", "lessons", "project_sheet", "schedule",
           "semester_schedule",
           "write_document"]
