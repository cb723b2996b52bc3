//! Request-response framing: one SCALE value per stream direction, read to the end of the
//! stream with a size limit, so that an oversized or undecodable message is an error for
//! that request and never a large allocation.

use std::io;
use std::marker::PhantomData;

use codec::{Decode, Encode};
use futures::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use libp2p::request_response;
use libp2p::StreamProtocol;

use super::protocol::decode_all;

/// Reads SCALE `Req`uests of at most `max_request` bytes and `Resp`onses of at most
/// `max_response` bytes.
#[derive(Debug)]
pub struct ScaleCodec<Req, Resp> {
    max_request: usize,
    max_response: usize,
    _types: PhantomData<fn() -> (Req, Resp)>,
}

impl<Req, Resp> Clone for ScaleCodec<Req, Resp> {
    fn clone(&self) -> Self {
        ScaleCodec {
            max_request: self.max_request,
            max_response: self.max_response,
            _types: PhantomData,
        }
    }
}

impl<Req, Resp> ScaleCodec<Req, Resp> {
    /// A codec with these size limits.
    pub fn new(max_request: usize, max_response: usize) -> Self {
        ScaleCodec {
            max_request,
            max_response,
            _types: PhantomData,
        }
    }
}

/// Reads the rest of `io` (at most `limit` bytes) and decodes it whole.
async fn read_value<T, R>(io: &mut R, limit: usize) -> io::Result<T>
where
    T: Decode,
    R: AsyncRead + Unpin + Send,
{
    let mut bytes = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    io.take(cap).read_to_end(&mut bytes).await?;
    if bytes.len() > limit {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("message larger than {limit} bytes"),
        ));
    }
    decode_all(&bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))
}

/// Encodes `value` into `io`, refusing to send more than `limit` bytes.
async fn write_value<T, W>(io: &mut W, value: &T, limit: usize) -> io::Result<()>
where
    T: Encode,
    W: AsyncWrite + Unpin + Send,
{
    let bytes = value.encode();
    if bytes.len() > limit {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("message larger than {limit} bytes"),
        ));
    }
    io.write_all(&bytes).await
}

impl<Req, Resp> request_response::Codec for ScaleCodec<Req, Resp>
where
    Req: Encode + Decode + Send + Sync + 'static,
    Resp: Encode + Decode + Send + Sync + 'static,
{
    type Protocol = StreamProtocol;
    type Request = Req;
    type Response = Resp;

    async fn read_request<T>(&mut self, _: &StreamProtocol, io: &mut T) -> io::Result<Req>
    where
        T: AsyncRead + Unpin + Send,
    {
        read_value(io, self.max_request).await
    }

    async fn read_response<T>(&mut self, _: &StreamProtocol, io: &mut T) -> io::Result<Resp>
    where
        T: AsyncRead + Unpin + Send,
    {
        read_value(io, self.max_response).await
    }

    async fn write_request<T>(&mut self, _: &StreamProtocol, io: &mut T, req: Req) -> io::Result<()>
    where
        T: AsyncWrite + Unpin + Send,
    {
        write_value(io, &req, self.max_request).await
    }

    async fn write_response<T>(
        &mut self,
        _: &StreamProtocol,
        io: &mut T,
        res: Resp,
    ) -> io::Result<()>
    where
        T: AsyncWrite + Unpin + Send,
    {
        write_value(io, &res, self.max_response).await
    }
}
