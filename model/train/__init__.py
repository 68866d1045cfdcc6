"""Business cost, threshold choice, cross-validation and hyper-parameter search."""
from model.train.cost import CostModel, best_threshold, business_cost, cost_curve, cross_fitted_cost

__all__ = ["CostModel", "best_threshold", "business_cost", "cost_curve", "cross_fitted_cost"]
