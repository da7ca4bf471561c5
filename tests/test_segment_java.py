r"""paralign's SRX rules compile as Java regexes, as SRX 2.0 requires: OmegaT and LanguageTool
read the same file with java.util.regex, whose lookbehind needs an obvious maximum length
(Java 17 refuses a repeated group of variable length inside one, `(?:\s\w{1,30}){1,8}`,
which Python's regex module accepts). Skipped without a JDK on the PATH.

The patterns of break rules and every afterbreak are checked as they stand; a no-break
rule's beforebreak becomes a lookbehind in the reader, which bounds it first (`*` to
`{0,100}`, as segment/srx.py does), so it is left to tests/test_omegat.py.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from paralign.segment import DEFAULT_RULES

CHECK = """
import java.nio.file.*; import java.util.regex.*;
public class Check {
  public static void main(String[] args) throws Exception {
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      try { Pattern.compile(line); }
      catch (PatternSyntaxException e) { System.out.println(e.getDescription() + ": " + line); }
    }
  }
}
"""
RULE = re.compile(r'<rule break="(yes|no)">(.*?)</rule>', re.S)
PART = re.compile(r"<(before|after)break><!\[CDATA\[(.*?)\]\]></\1break>", re.S)


def break_rule_patterns(srx: str) -> list[str]:
    patterns = []
    for kind, body in RULE.findall(srx):
        for side, pattern in PART.findall(body):
            if kind == "yes" or side == "after":
                patterns.append(pattern)
    return patterns


@pytest.mark.skipif(shutil.which("java") is None, reason="no java on the PATH")
def test_rules_compile_as_java_regexes(tmp_path: Path) -> None:
    patterns = break_rule_patterns(DEFAULT_RULES.read_text(encoding="utf-8"))
    assert len(patterns) > 40 and not any("\n" in p for p in patterns)
    (tmp_path / "patterns.txt").write_text("\n".join(patterns) + "\n", encoding="utf-8")
    (tmp_path / "Check.java").write_text(CHECK, encoding="utf-8")
    result = subprocess.run(
        ["java", str(tmp_path / "Check.java"), str(tmp_path / "patterns.txt")],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout == ""
