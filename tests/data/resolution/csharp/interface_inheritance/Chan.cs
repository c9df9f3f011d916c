using System;

namespace Io
{
    public interface IClosable
    {
        void Close();
    }

    public interface IChannel : IClosable
    {
        void Send(string s);
    }
}
