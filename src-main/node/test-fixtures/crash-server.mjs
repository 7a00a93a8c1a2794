// Crashes like a misconfigured server: a line on stderr, then exit code 3.
process.stderr.write('starting crash-server\n');
process.stderr.write('fatal: API_KEY is not set\n');
process.exit(3);
