"""argparse's own words in Vietnamese, for the editors' tool.

argparse writes "usage:", "options", "show this help message and exit",
"invalid choice: ... (choose from ...)" and the like through gettext, and no
Vietnamese catalogue ships with Python. While the tool builds its parser and
reads its arguments, argparse's gettext functions are swapped for this table;
they are put back afterwards, so nothing else in the process (pytest, MkDocs)
sees Vietnamese. A string missing here (a newer Python's) stays as argparse
wrote it: a test lists the English words an editor must never meet.
"""

from __future__ import annotations

import argparse
from contextlib import contextmanager
from typing import Iterator

WORDS = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "optional arguments": "tùy chọn",  # Python < 3.10
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "invalid choice: %(value)r (choose from %(choices)s)": "%(value)r không có trong danh sách; hãy chọn một trong: %(choices)s",
    "invalid %(type)s value: %(value)r": "giá trị %(value)r không hợp lệ",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "không hiểu tham số: %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "not allowed with argument %s": "không dùng được cùng tham số %s",
    "ignored explicit argument %r": "tùy chọn này không nhận giá trị %r",
    "expected one argument": "cần ghi một giá trị sau tùy chọn này",
    "expected at most one argument": "chỉ nhận nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn %(option)s chưa rõ: có thể là %(matches)s",
    "unexpected option string: %s": "tùy chọn không đúng chỗ: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "không có lệnh %(parser_name)r; các lệnh: %(choices)s",
    "can't open '%(filename)s': %(error)s": "không mở được '%(filename)s': %(error)s",
    "option '%(option)s' is deprecated": "tùy chọn '%(option)s' sắp bị bỏ",  # Python 3.13
    "command '%(parser_name)s' is deprecated": "lệnh '%(parser_name)s' sắp bị bỏ",  # Python 3.13
}
PLURAL_WORDS = {
    ("expected %s argument", "expected %s arguments"): "cần %s giá trị",
    ("conflicting option string: %s", "conflicting option strings: %s"): "tùy chọn bị trùng: %s",
}


def gettext(message: str) -> str:
    return WORDS.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return PLURAL_WORDS.get((singular, plural)) or (singular if n == 1 else plural)


@contextmanager
def vietnamese() -> Iterator[None]:
    """argparse speaks Vietnamese inside this block (building and parsing)."""
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = gettext, ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved
