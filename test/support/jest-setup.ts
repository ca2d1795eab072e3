import 'reflect-metadata';

// @apollo/gateway otherwise reports telemetry and probes cloud metadata endpoints.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
