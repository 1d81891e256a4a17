/// Placeholder filled by later work.
