"""Reading CSV and JSON Lines: good rows kept, each bad row reported by line and field."""

import json

from casebase.workbench.parsing import parse

SYSTEMS = {"alpha": 1, "beta": 2}


def key(name: str):
    return SYSTEMS.get(name.casefold())


def errors(result) -> list[tuple[int, str]]:
    return [(e["line"], e["field"]) for e in result.errors]


def test_csv_rows_with_optional_settings_and_timestamp():
    """Sampling columns merge into settings; a naive timestamp is taken as UTC."""
    data = (
        b"prompt,system,output,timestamp,temperature,seed\n"
        b'P1,alpha,"Out, with comma",2025-03-01T10:00:00,0.7,42\n'
        b"P1,Beta,Other,,,\n"
    )
    result = parse(data, "csv", key)
    assert result.errors == []
    first, second = result.rows
    assert first["captured_at"] == "2025-03-01T10:00:00+00:00"
    assert first["settings"] == {"temperature": 0.7, "seed": 42}
    assert first["output"] == "Out, with comma"
    assert second["system_id"] == 2 and second["captured_at"] is None


def test_csv_missing_column_is_reported_on_the_header():
    """A header without `output` is one error naming the column; nothing is kept."""
    result = parse(b"prompt,system\nP,alpha\n", "csv", key)
    assert result.rows == []
    assert errors(result) == [(1, "output")]
    assert "output" in result.errors[0]["message"]


def test_csv_bad_rows_are_reported_and_good_rows_kept():
    """Unknown system, empty output, short row, non-UTF-8 bytes: each its own error."""
    data = (
        b"prompt,system,output\n"
        b"P1,alpha,fine\n"
        b"P2,gamma,who is this\n"
        b"P3,alpha,   \n"
        b"P4,alpha\n"
        b"P5,alpha,caf\xe9 latin-1\n"
        b"P6,beta,also fine\n"
    )
    result = parse(data, "csv", key)
    assert [r["prompt"] for r in result.rows] == ["P1", "P6"]
    assert errors(result) == [
        (3, "system"),
        (4, "output"),
        (5, "output"),
        (6, "encoding"),
    ]
    assert result.total == 6


def test_csv_multiline_output_keeps_line_numbers_right():
    """A quoted output over two lines; the next row's error names its own line."""
    data = b'prompt,system,output\nP1,alpha,"line one\nline two"\nP2,nobody,x\n'
    result = parse(data, "csv", key)
    assert result.rows[0]["output"] == "line one\nline two"
    assert errors(result) == [(4, "system")]


def test_duplicate_prompt_and_system_in_one_file_is_an_error():
    """The same system answering the same prompt twice is refused on the later row."""
    data = b"prompt,system,output\nP,alpha,one\nP,ALPHA,two\n"
    result = parse(data, "csv", key)
    assert len(result.rows) == 1
    assert errors(result) == [(3, "system")]


def test_jsonl_rows_and_errors():
    """Bad JSON, a missing key, a bad timestamp, bad settings, non-UTF-8 bytes."""
    lines = [
        json.dumps(
            {
                "prompt": "P1",
                "system": "alpha",
                "output": "ok",
                "settings": {"temperature": 0},
            }
        ).encode(),
        b"{not json",
        json.dumps({"prompt": "P2", "system": "alpha"}).encode(),
        json.dumps(
            {"prompt": "P3", "system": "beta", "output": "x", "timestamp": "yesterday"}
        ).encode(),
        json.dumps(
            {"prompt": "P4", "system": "beta", "output": "x", "settings": "[1]"}
        ).encode(),
        b'{"prompt": "P5", "system": "beta", "output": "\xff"}',
        b"",
        json.dumps({"prompt": "P6", "system": "beta", "output": "fine"}).encode(),
    ]
    result = parse(b"\n".join(lines), "jsonl", key)
    assert [r["prompt"] for r in result.rows] == ["P1", "P6"]
    assert result.rows[0]["settings"] == {"temperature": 0}
    assert errors(result) == [
        (2, "file"),
        (3, "output"),
        (4, "timestamp"),
        (5, "settings"),
        (6, "encoding"),
    ]


def test_utf8_bom_and_unicode_text_are_read():
    """A UTF-8 byte-order mark is ignored and non-ASCII text survives."""
    data = "\ufeffprompt,system,output\nΣ?,alpha,日本語の出力\n".encode()
    result = parse(data, "csv", key)
    assert result.errors == []
    assert result.rows[0]["output"] == "日本語の出力"


def test_empty_and_binary_files_are_reported():
    """An empty file and a binary one each get an error, never an empty success."""
    assert errors(parse(b"", "csv", key)) == [(1, "file")]
    assert errors(parse(b"\n\n", "jsonl", key)) == [(1, "file")]
    assert errors(parse(b"\x89PNG\r\n\x1a\n\x00binary", "csv", key)) == [
        (1, "encoding")
    ]


def test_a_very_long_output_is_read_whole():
    """Outputs longer than the csv module's default field limit are kept."""
    data = b"prompt,system,output\nP,alpha," + b"x" * 200_000 + b"\n"
    assert len(parse(data, "csv", key).rows[0]["output"]) == 200_000
