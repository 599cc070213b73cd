// Placeholder entry point until the agent lands (issue 3).
return 0;
