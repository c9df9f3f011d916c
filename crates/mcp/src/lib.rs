//! `codehub mcp`: a stdio MCP server (rmcp) whose tools mirror the method set.

#![warn(missing_docs)]
