"""The benchmark's summary: the times, ratios and verdicts a person reads first."""

from __future__ import annotations

from typing import Any

from scaling_book.dev.bench_measure import (
    CLEAN_FLOOR_RATIO,
    NO_OP_SHARE,
    ONE_FILE_FLOOR_RATIO,
    PAGE_WEIGHT_RATIO,
    SCALE_TIME_RATIO,
)


def _verdict(met: bool, missed_by: str) -> str:
    return "met" if met else f"MISSED by {missed_by}"


def _change_line(title: str, change: dict[str, Any]) -> str:
    executed = change["executed"]
    return (
        f"  {title} {change['median']:7.2f} s = {change['ratio_to_no_op_plus_floor']:.2f} x (no-op + floor of the "
        f"{len(executed)} re-executed chapter(s), {change['rerun_floor']:.2f} s); target <= no-op + "
        f"{ONE_FILE_FLOOR_RATIO} x floor = {change['bound']:.2f} s: "
        f"{_verdict(change['met'], format(change['median'] - change['bound'], '.2f') + ' s')}\n"
        f"            {change['file']}: read by {len(change['readers'])}, re-executed {len(executed)}; revert "
        f"{change['revert']['median']:.2f} s, executed {len(change['revert']['executed'])}, restored "
        f"{len(change['revert']['restored'])} from the cache"
    )


def summary(results: dict[str, Any]) -> str:
    """The figures a person reads first: times, ratios and whether each target is met."""
    floors = results["floor_chapters"]
    lines = [
        f"Machine: {results['cpus']} CPUs, load average {results['load_at_start']} at the start "
        "(timings are wall-clock and slow down when the machine is busy).",
        f"Floor: {floors['sum']:.1f} s to run the {len(floors['seconds'])} chapters as plain Python scripts, "
        "one after the other.",
    ]
    for name, title in (("full", "HTML + PDF"), ("html", "HTML only")):
        part = results[name]
        clean, no_op = part["clean"], part["no_op"]
        steps = clean["steps"]
        lines += [
            f"[{title}]",
            f"  clean     {clean['seconds']:7.1f} s = {clean['ratio_to_floor']:.2f} x floor   target <= "
            f"{CLEAN_FLOOR_RATIO}: {_verdict(clean['met'], format(clean['ratio_to_floor'] - CLEAN_FLOOR_RATIO, '.2f'))}"
            f"   (execution {steps.get('executed chapters', 0):.1f} s, Sphinx {steps.get('ran Sphinx', 0):.1f} s"
            + (
                f", PDF with xelatex {steps['compiled PDF with xelatex']:.1f} s"
                if "compiled PDF with xelatex" in steps
                else ""
            )
            + ")",
            f"  no-op     {no_op['median']:7.2f} s = {no_op['share_of_clean']:.1%} of clean   target <= "
            f"{NO_OP_SHARE:.0%}: {_verdict(no_op['met'], format(no_op['share_of_clean'] - NO_OP_SHARE, '.1%'))}",
            _change_line("one file", part["one_file"]),
            _change_line("many    ", part["many_readers"]),
        ]
    unread = results["new_unread_file"]
    lines.append(
        f"New file no chapter reads: {unread['seconds']:.2f} s, executed {unread['executed'] or 'nothing'}, "
        f"up to date: {unread['up_to_date']}"
    )
    stock_results = results.get("stock", {})
    if "failed" in stock_results:
        lines.append(f"Stock jupyter-book: FAILED ({stock_results['failed'].splitlines()[0]})")
    for mode, stock in ({} if "failed" in stock_results else stock_results).items():
        lines.append(
            f"Stock jupyter-book ({mode}): clean {stock['clean']:.1f} s, no-op {stock['no_op']:.1f} s, "
            f"one file {stock['one_file']:.1f} s; stale after the one-file change: "
            f"{stock['stale_glued_values']} of {stock['glued_values']} glued values, {stock['stale_numbers']} "
            f"numbers on {len(stock['pages_with_stale_numbers'])} page(s) (prose, tables, chart data)"
        )
    if "failed" in results.get("scale", {}):
        lines.append(f"Scale run: FAILED ({results['scale']['failed'].splitlines()[0]}; details in the JSON)")
    elif "scale" in results:
        scale = results["scale"]
        weight = scale["page_weight"]["loaded"]
        lines += [
            f"Scale x{scale['factor']} ({scale['rows_before']:,} -> {scale['rows_after']:,} rows):",
            f"  page weight (as loaded) max {weight['max_page_ratio']:.3f} x ({weight['max_page']}), book "
            f"{weight['book_ratio']:.3f} x; HTML alone max {scale['page_weight']['html']['max_page_ratio']:.2f} x   "
            f"target <= {PAGE_WEIGHT_RATIO}: "
            f"{_verdict(scale['met']['page_weight'], format(weight['max_page_ratio'] - PAGE_WEIGHT_RATIO, '.3f'))}",
            f"  clean HTML {scale['clean_html_seconds']:.1f} s vs {results['html']['clean']['seconds']:.1f} s = "
            f"{scale['time_ratio']:.2f} x   target <= {SCALE_TIME_RATIO}: "
            f"{_verdict(scale['met']['time'], format(scale['time_ratio'] - SCALE_TIME_RATIO, '.2f'))}",
        ]
    return "\n".join(lines)
