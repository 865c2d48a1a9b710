"""Reports: findings, their wire format, the terminal summary, JSON, junit and xdist."""
