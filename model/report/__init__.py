"""Population statistics, fairness and drift tables for the dashboard and the docs."""
from model.report.drift import drift_table
from model.report.fairness import fairness_table
from model.report.population import population_stats

__all__ = ["drift_table", "fairness_table", "population_stats"]
