//! `codehub serve --http ADDR`: the method set over HTTP (JSON-RPC at `/rpc`, REST
//! reads under `/v1`) and WebSocket (`/ws`, with change notifications), behind JWT
//! bearer auth.

#![warn(missing_docs)]
