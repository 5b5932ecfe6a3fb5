"""The exhibition world: schema, geography, name pools and the generator (the ground floor)."""
