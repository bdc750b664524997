"""Speed of the copied-passage check (BL706): a 300-page document, a batch of 200 documents, and growth with size.

Documents are generated: numbered 自评综述 paragraphs of made-up wording (a fixed seed), each with
a stock clause, and one passage copied from one summary into another. Prints CPU seconds and peak RSS,
the time per paragraph count and the fitted exponent of time ~ paragraphs^k (1 is linear, 2 quadratic),
and, when ``datasketch`` is installed, what its MinHash costs on the same shingles against the CRC-32
winnowing the check uses.

    python bench/passages.py [--quick]
"""

from __future__ import annotations

import argparse
import math
import random
import resource
import sys
import time

from budgetlint.engine import Linter
from budgetlint.config import parse_config
from budgetlint.passages import shingle_hashes, winnow
from budgetlint.plugins import load_registry
from budgetlint.readers.text import read_text

WORDS = (
    "道路 养护 绿化 管护 河道 保洁 档案 整理 会展 活动 招商 推介 培训 监测 平台 建设 服务 企业 补贴 奖励 评审 "
    "设备 购置 维修 改造 信息 系统 运行 维护 宣传 调研 课题 研究 社区 治理 养老 救助 医疗 卫生 教育 文化 体育 "
    "安全 生产 应急 保障 环境 整治 垃圾 分类 公共 设施 采购 合同 验收 支付 进度 质量 指标 目标 完成 提升 满意"
).split()
STOCK = "发现的主要问题及原因：绩效目标设置的科学性还需进一步提高，部分指标值偏于保守。"
CHARS_PER_PAGE = 1500


def _sentence(rng: random.Random) -> str:
    return "".join(rng.choice(WORDS) for _ in range(rng.randint(8, 14))) + "。"


def make_document(paragraphs: int, seed: int = 1, copied: bool = True) -> str:
    rng = random.Random(seed)
    lines = [f"某某局{2024}年度项目支出绩效自评报告", "", "## 三、项目绩效自评情况", ""]
    bodies = []
    for i in range(paragraphs):
        body = "".join(_sentence(rng) for _ in range(3))
        bodies.append(body)
        name = "".join(rng.sample(WORDS, 3))
        lines += [f"（{i + 1}）{name}项目自评综述：项目全年预算数为 {rng.randint(5, 900)} 万元。{body}{STOCK}", ""]
    if copied and paragraphs > 2:
        target = len(lines) - 2
        lines[target] = lines[target].replace("。", "。" + bodies[0][:60], 1)
    return "\n".join(lines) + "\n"


def _linter() -> Linter:
    return Linter(load_registry(), parse_config({"select": ["BL706"]}))


def time_check(text: str, linter: Linter) -> tuple[float, int]:
    """CPU seconds of the check alone (process time: a shared, loaded machine does not inflate it)."""
    doc = read_text(text.encode("utf-8"), "bench.txt")
    rule = linter.rules[0]()
    start = time.process_time()
    findings = list(rule.check(doc, linter.context))
    return time.process_time() - start, len(findings)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def exponent(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of log(time) against log(paragraphs)."""
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def compare_hashing(text: str) -> None:
    key = "".join(text.split())
    start = time.process_time()
    winnow(shingle_hashes(key))
    ours = time.process_time() - start
    try:
        from datasketch import MinHash
    except ImportError:
        print("datasketch not installed: hashing comparison skipped")
        return
    shingles = [key[i : i + 10].encode() for i in range(len(key) - 9)]
    start = time.process_time()
    for i in range(0, len(shingles), 200):  # one MinHash per 200-character sentence group, as LSH would index
        m = MinHash(num_perm=64)
        m.update_batch(shingles[i : i + 200])
    theirs = time.process_time() - start
    print(f"hashing {len(key):,} characters: CRC-32 winnowing {ours:.3f} s, datasketch MinHash(64) {theirs:.3f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes")
    args = parser.parse_args(argv)
    linter = _linter()
    per_paragraph = len(make_document(50)) / 50
    pages300 = int(300 * CHARS_PER_PAGE / per_paragraph)
    sizes = [250, 500, 1000, 2000] if args.quick else [500, 1000, 2000, 4000, 8000]

    points = []
    for n in sizes:
        seconds, found = time_check(make_document(n, seed=n), linter)
        points.append((n, seconds))
        print(f"{n:>6} paragraphs: {seconds:7.3f} s  ({found} finding{'s' if found != 1 else ''})")
    print(f"growth: time ~ paragraphs^{exponent(points):.2f} (1 = linear, 2 = quadratic)")

    text = make_document(pages300, seed=300)
    seconds, found = time_check(text, linter)
    print(f"300-page document ({pages300} paragraphs, {len(text):,} characters): {seconds:.2f} s, {found} finding(s), "
          f"peak RSS {peak_rss_mb():.0f} MB")

    batch = 20 if args.quick else 200
    total, found_total = 0.0, 0
    for i in range(batch):
        seconds, found = time_check(make_document(int(30 * CHARS_PER_PAGE / per_paragraph), seed=1000 + i), linter)
        total += seconds
        found_total += found
    print(f"batch of {batch} 30-page documents: {total:.2f} s ({total / batch * 1000:.0f} ms each), "
          f"{found_total} findings, peak RSS {peak_rss_mb():.0f} MB")
    compare_hashing(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
