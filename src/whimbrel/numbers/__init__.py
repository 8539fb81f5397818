"""Numbers: dead, injured, arrested and crowd size, by ACLED's conservative rules."""
