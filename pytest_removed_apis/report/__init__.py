"""Reports: the texts of failures and of the header, the terminal summary, the JSON report, and
the transport of findings between xdist processes."""
