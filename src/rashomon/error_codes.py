"""Every error code rashomon gives, each once, with what it means and its HTTP status.

The code is what scripts and clients match on, so a code means one thing only.
``docs/errors.md`` is written from this table (``python scripts/error_codes.py --write``);
``tests/test_error_codes.py`` fails when the source uses a code that is not here, when a
code here is used nowhere, or when docs/errors.md is out of date.

Families: E0 base · E1 usage and configuration (E10x options and packs, E11x exports, E12x
evaluation, references and Dask, E13x pipeline and parser, E14x command line, E15x trends and
briefing, E17x analyst decisions) · E2 input (E20x reading, E22x reference files, E23x files
skipped, E25x extraction, E29x disk) · E3 storage · E4 HTTP requests · E5 server · E6 review
and users · E999 a bug.
"""

from __future__ import annotations

from typing import NamedTuple


class ErrorCode(NamedTuple):
    code: str
    status: int  # the HTTP status when the API answers with it; 400 for usage errors
    meaning: str  # one line: what went wrong (the message names the value)
    hint: str = ""  # what to do, when it is the same every time


CODES: tuple[ErrorCode, ...] = (
    ErrorCode("E000", 400, "an error without a code of its own (base class; never raised as such)"),
    # -- E1: usage and configuration
    ErrorCode("E100", 400, "bad configuration (base class of configuration errors)"),
    ErrorCode("E101", 400, "no knowledge pack of that name", "The hint lists the available packs."),
    ErrorCode("E102", 400, "a date option that is no day, month or year (2025-03-11, 2025-03, 2025)"),
    ErrorCode("E103", 400, "an unknown --format for this command", "The hint lists the formats it writes."),
    ErrorCode("E104", 400, "rashomon serve cannot listen on the host and port", "Pick another --port."),
    ErrorCode("E105", 400, "a pack's actor refers to an actor the pack does not define"),
    ErrorCode("E106", 400, "a package rashomon needs is not installed", "pip install -e ."),
    ErrorCode("E107", 400, "a filter value of the wrong kind (Python API or HTTP)"),
    ErrorCode("E108", 400, "an unknown status or grade in a filter", "The message lists the values."),
    ErrorCode("E109", 422, "a date range that ends before it starts"),
    ErrorCode("E110", 400, "an unknown export format"),
    ErrorCode("E111", 400, "Parquet asked for on standard output", "Give -o FILE or FOLDER."),
    ErrorCode("E112", 400, "the folder of an output file does not exist"),
    ErrorCode("E113", 400, "a --published value that is not a full date in range",
              "A month or year alone is refused: a guessed day would look exact."),
    ErrorCode("E114", 400, "one --published for several inputs without --published-all",
              "Add --published-all, or name one text or HTML file."),
    ErrorCode("E115", 400, "--url or --title for several inputs (they describe one document)"),
    ErrorCode("E116", 400, "--published-all without --published"),
    ErrorCode("E117", 400, "an event left out of an ACLED or UCDP export: its country has no code "
              "there (the message names it; the rest of the file is written)",
              "Correct the event's place, or give the pack one country ([context] country_code)."),
    ErrorCode("E120", 400, "a gold file of a kind rashomon eval cannot tell"),
    ErrorCode("E121", 400, "no such gold file or folder"),
    ErrorCode("E122", 400, "an unknown reference dataset kind", "Use ucdp or acled."),
    ErrorCode("E123", 400, "--dask without the distributed package installed"),
    ErrorCode("E124", 400, "the Dask scheduler cannot be reached"),
    ErrorCode("E125", 404, "no stored reference dataset of that name",
              "Add one with 'rashomon reference add FILE --kind ucdp'."),
    ErrorCode("E130", 400, "a pipeline stage needs a field no earlier stage assigns"),
    ErrorCode("E131", 400, "a pipeline stage declares fields the record does not have"),
    ErrorCode("E132", 400, "a pipeline stage is registered twice"),
    ErrorCode("E133", 400, "no English parser model is installed"),
    ErrorCode("E134", 400, "the configured parser model cannot be loaded"),
    ErrorCode("E141", 400, "a command-line usage error: unknown option, bad value, missing argument"),
    ErrorCode("E142", 400, "another command-line error reported by the option parser"),
    ErrorCode("E150", 400, "trends --level is not district or province"),
    ErrorCode("E152", 400, "trends --period is not week or month"),
    ErrorCode("E153", 400, "trends --floor is negative"),
    ErrorCode("E154", 400, "trends --horizon is under 1"),
    ErrorCode("E155", 400, "brief --until is before --since"),
    ErrorCode("E156", 400, "no Chromium to print the briefing as PDF"),
    ErrorCode("E157", 400, "Chromium failed to print the briefing"),
    ErrorCode("E158", 400, "brief --out does not end in .html or .pdf"),
    ErrorCode("E160", 400, "a pack file that is not valid TOML, holds an unknown key or a value of the wrong kind",
              "The message names the file and line; the hint lists the valid keys."),
    ErrorCode("E161", 400, "a pack extends a pack that cannot be found, or packs extend each other in a circle"),
    ErrorCode("E162", 400, "a pack file that no stage reads (a misspelt file name)",
              "The hint lists the pack file names."),
    ErrorCode("E163", 400, "the pack has no demo corpus (a demo/ folder)"),
    ErrorCode("E170", 400, "a merge needs at least two different event ids"),
    ErrorCode("E171", 400, "a split must leave claims on both sides"),
    ErrorCode("E172", 404, "a split names claims the event does not hold"),
    # -- E2: input
    ErrorCode("E200", 400, "unexpected error while reading an input (a bug: please report it)"),
    ErrorCode("E201", 400, "no such file or folder"),
    ErrorCode("E202", 400, "the file or folder cannot be read (permissions)"),
    ErrorCode("E203", 400, "empty input: no text, only whitespace, or no JSON records"),
    ErrorCode("E204", 400, "the input (or one JSON line) is larger than --max-bytes"),
    ErrorCode("E205", 400, "binary or undecodable content, not text"),
    ErrorCode("E206", 400, "an unsupported file type"),
    ErrorCode("E207", 400, "invalid JSON on a line"),
    ErrorCode("E208", 400, "a JSON record without a usable \"text\" string"),
    ErrorCode("E209", 400, "HTML without extractable main text"),
    ErrorCode("E220", 400, "a reference file without the required columns"),
    ErrorCode("E221", 400, "a reference file row that cannot be read (kept as a problem)"),
    ErrorCode("E222", 400, "a reference file that is not valid CSV"),
    ErrorCode("E223", 400, "a reference file that cannot be opened"),
    ErrorCode("E231", 400, "not a regular file (FIFO, socket, device, dangling link): skipped unopened"),
    ErrorCode("E232", 400, "a folder link loop, or folders nested too deep: skipped"),
    ErrorCode("E233", 400, "no readable words (invisible characters, no letters, random bytes)"),
    ErrorCode("E250", 400, "extraction failed on a document (the rest of the batch goes on)"),
    ErrorCode("E291", 503, "the disk is full", "Free disk space and run the same command again."),
    # -- E3: storage
    ErrorCode("E300", 500, "the database refused an operation (base class of storage errors)"),
    ErrorCode("E301", 400, "the folder of the SQLite database does not exist"),
    ErrorCode("E302", 400, "the database cannot be opened (bad URL, or its driver is missing)"),
    ErrorCode("E303", 503, "the database cannot be prepared (unreachable server, not a rashomon database)"),
    ErrorCode("E304", 400, "a read-only command named a database that does not exist",
              "Create one with 'rashomon ingest FILES --db PATH', or check the path."),
    ErrorCode("E310", 500, "a document could not be stored (the rest of the batch goes on)"),
    # -- E4: HTTP requests
    ErrorCode("E401", 401, "a missing or wrong token"),
    ErrorCode("E403", 403, "the server is read-only (no token or user configured)"),
    ErrorCode("E404", 404, "no event, claim, document or route with that id or path"),
    ErrorCode("E405", 405, "method not allowed (the Allow header lists the path's methods)"),
    ErrorCode("E413", 413, "the request entity is too large"),
    ErrorCode("E422", 422, "a request parameter or body field that does not fit the schema"),
    ErrorCode("E461", 400, "a NUL character in the path or query string, or a Content-Length that is no number"),
    ErrorCode("E462", 413, "the request body is larger than the limit"),
    ErrorCode("E463", 408, "the request body stalled"),
    ErrorCode("E464", 400, "a value the database refused (control characters, out of range)"),
    ErrorCode("E465", 400, "a malformed request"),
    # -- E5: server
    ErrorCode("E500", 500, "an internal error (a bug: the server log has the details)"),
    ErrorCode("E501", 503, "the database is unavailable", "Try again later."),
    ErrorCode("E502", 503, "a posted document could not be stored", "Try again later."),
    # -- E6: review and users
    ErrorCode("E600", 400, "an unknown review status"),
    ErrorCode("E601", 400, "a field that cannot be corrected"),
    ErrorCode("E602", 400, "a corrected value that does not fit its field"),
    ErrorCode("E603", 400, "an unknown claim mark"),
    ErrorCode("E604", 404, "a claim that is in no event"),
    ErrorCode("E605", 400, "a user of that name exists already"),
    ErrorCode("E606", 404, "no active user of that name"),
    ErrorCode("E607", 400, "an unknown role"),
    ErrorCode("E608", 400, "a user name that is not 1-64 letters, digits or . _ @ -"),
    ErrorCode("E609", 400, "nothing to change or correct"),
    ErrorCode("E610", 400, "review needs a database, not the in-memory store"),
    ErrorCode("E612", 403, "the token's role is too low for this write"),
    # -- E999
    ErrorCode("E999", 500, "an unexpected error (a bug: please report it with the command)"),
)

BY_CODE: dict[str, ErrorCode] = {c.code: c for c in CODES}


def meaning(code: str) -> str:
    """What a code means ("" for a code that is not in the registry)."""
    c = BY_CODE.get(code)
    return c.meaning if c else ""


FAMILIES = (("E0", "Base"), ("E1", "Usage and configuration"), ("E2", "Input"), ("E3", "Storage"),
            ("E4", "HTTP requests"), ("E5", "Server"), ("E6", "Review and users"), ("E9", "Bugs"))


def markdown() -> str:
    """docs/errors.md: every code, grouped by family (written by scripts/error_codes.py)."""
    out = ["# Error codes", "",
           "Every error rashomon gives carries one of these codes, on the command line",
           "(`Error E102: <one sentence>.`, exit status 2; E999 exits 1) and in the HTTP API",
           "(`{\"error\": {\"code\", \"message\", \"hint\", \"location\"}}` with the status below). A code",
           "means one thing only; the message names the value at fault and the hint says what to do.",
           "This page is generated from `src/rashomon/error_codes.py` by",
           "`python scripts/error_codes.py --write`; `tests/test_error_codes.py` fails when a code in",
           "the source is missing here, or listed here and used nowhere.", ""]
    for prefix, title in FAMILIES:
        rows = [c for c in CODES if c.code.startswith(prefix)]
        out += [f"## {prefix}xx {title}", "", "| code | HTTP | meaning | what to do |", "|---|---|---|---|"]
        out += [f"| {c.code} | {c.status} | {c.meaning} | {c.hint} |" for c in rows]
        out.append("")
    return "\n".join(out)
