/**
 * n8n-core starts housekeeping intervals (SSH client clean-up, cron logging) the first
 * time it builds a node context, and clears them when n8n shuts down. Tests never shut
 * n8n down, so those intervals must not keep the test process alive.
 */
const startInterval = global.setInterval;
global.setInterval = ((...args: Parameters<typeof setInterval>) =>
	startInterval(...args).unref()) as typeof setInterval;
