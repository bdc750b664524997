"""Built-in rules, registered through the same ``budgetlint`` entry point as any rule pack."""

from budgetlint.hookspecs import hookimpl

from .tables.code_hierarchy import CodeHierarchySum
from .tables.total_sheet import TotalSheetSum
from .tables.row_total_columns import RowTotalColumns
from .tables.fiscal_total_sheet import FiscalTotalSheetSum
from .tables.basic_project_split import BasicProjectSplit
from .tables.economic_totals import EconomicTotals
from .tables.fund_balance import FundBalance
from .tables.sangong_sum import SangongSum
from .tables.statistics_table_sum import StatisticsTableSum
from .tables.fund_source_split import FundSourceSplit
from .structure.missing_standard_table import MissingStandardTable
from .structure.unreadable_page import PageWithoutText
from .structure.table_year_unit import TableYearUnitMismatch
from .structure.empty_table_note import EmptyTableNoteMismatch
from .prose.parts_sum import PartsSumMismatch
from .ratios.share import ShareMismatch
from .ratios.completion_rate import CompletionRateMismatch
from .ratios.year_over_year import YearOverYearMismatch
from .prose.restated_figure import RestatedFigureMismatch
from .structure.amount_unit_slip import AmountUnitSlip
from .tables.generic_total_row import GenericTotalRow
from .ratios.comparison_rate import ComparisonRateMismatch
from .prose.item_amount_restated import ItemAmountRestatedDifferently
from .text.wrong_comparison_year import WrongComparisonYear
from .tables.self_eval_fund_sums import SelfEvalFundSums

from .cross.total_sheet_cross import TotalSheetCrossMismatch
from .cross.fund_table_cross import FundTableCrossMismatch
from .cross.coded_table_cross import CodedTableCrossMismatch
from .cross.basic_spending_cross import BasicSpendingCrossMismatch
from .cross.sangong_economic_line import SangongBelowEconomicLine
from .cross.operating_cost_above_public import OperatingCostAbovePublicFunds
from .cross.budget_table_cross import BudgetTableCrossMismatch
from .cross.code_set_mismatch import CodeSetMismatch
from .text.template_residue import TemplateResidue
from .text.copied_paragraph import CopiedParagraph
from .text.wrong_year_in_text import WrongYearInText
from .prose.restated_at_most import RestatedFigureAboveCell
from .prose.summary_form_mismatch import SummaryFormMismatch
from .prose.procurement_reserve import ProcurementReserveAboveTotal

@hookimpl
def budgetlint_rules():
    return [
        CodeHierarchySum,
        TotalSheetSum,
        RowTotalColumns,
        FiscalTotalSheetSum,
        BasicProjectSplit,
        EconomicTotals,
        FundBalance,
        SangongSum,
        StatisticsTableSum,
        FundSourceSplit,
        MissingStandardTable,
        PageWithoutText,
        TableYearUnitMismatch,
        EmptyTableNoteMismatch,
        PartsSumMismatch,
        ShareMismatch,
        CompletionRateMismatch,
        YearOverYearMismatch,
        RestatedFigureMismatch,
        AmountUnitSlip,
        GenericTotalRow,
        ComparisonRateMismatch,
        ItemAmountRestatedDifferently,
        WrongComparisonYear,
        SelfEvalFundSums,
        TotalSheetCrossMismatch,
        FundTableCrossMismatch,
        CodedTableCrossMismatch,
        BasicSpendingCrossMismatch,
        SangongBelowEconomicLine,
        OperatingCostAbovePublicFunds,
        BudgetTableCrossMismatch,
        CodeSetMismatch,
        TemplateResidue,
        CopiedParagraph,
        WrongYearInText,
        RestatedFigureAboveCell,
        SummaryFormMismatch,
        ProcurementReserveAboveTotal,
    ]
