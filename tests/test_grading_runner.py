"""The sandbox's runner (沙箱执行): its own small Jupyter client, signed frames, no Jupyter imports."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import zmq

from labkit.grading import runner
from labkit.grading.runner import DELIMITER, Connection


def _pair(key: str) -> tuple[Connection, zmq.Socket, zmq.Socket]:
    """A runner's connection to two sockets standing in for a kernel's shell and IOPub."""
    context = zmq.Context.instance()
    shell, iopub = context.socket(zmq.ROUTER), context.socket(zmq.PUB)
    ports = {"shell_port": shell.bind_to_random_port("tcp://127.0.0.1"),
             "iopub_port": iopub.bind_to_random_port("tcp://127.0.0.1")}
    return Connection({"key": key, **ports}), shell, iopub


def _publish(conn: Connection, iopub: zmq.Socket, content: dict[str, object], key: bytes | None = None) -> None:
    frames = [json.dumps(part).encode() for part in ({"msg_type": "stream"}, {"msg_id": "m1"}, {}, content)]
    signer = Connection.__new__(Connection)
    signer.key = conn.key if key is None else key
    iopub.send_multipart([b"kernel.x.stream", DELIMITER, signer._signature(frames), *frames, b"12345"])


def test_signed_messages_arrive_and_forged_ones_are_dropped() -> None:
    conn, shell, iopub = _pair("secret")
    try:
        got = None
        for _attempt in range(50):  # the subscription takes a moment
            _publish(conn, iopub, {"name": "stdout", "text": "hello"})
            got = conn.receive(conn.iopub, 0.1)
            if got is not None:
                break
        assert got is not None
        message, size = got
        assert message["msg_type"] == "stream" and message["parent_header"] == {"msg_id": "m1"}
        assert message["content"] == {"name": "stdout", "text": "hello"}
        assert size == len(json.dumps({"name": "stdout", "text": "hello"}).encode()) + len(b"12345")  # content and buffers
        while conn.receive(conn.iopub, 0.2) is not None:  # the attempts before the subscription held
            pass
        _publish(conn, iopub, {"name": "stdout", "text": "forged"}, key=b"another key")
        assert conn.receive(conn.iopub, 2.0) == ({}, 0)  # received, not believed
        iopub.send_multipart([b"no delimiter at all"])
        assert conn.receive(conn.iopub, 2.0) == ({}, 0)
    finally:
        conn.close()
        shell.close(0)
        iopub.close(0)


def test_a_request_is_signed_with_the_kernels_key() -> None:
    conn, shell, iopub = _pair("secret")
    try:
        msg_id = conn.send("kernel_info_request", {})
        assert shell.poll(5000)
        frames = shell.recv_multipart()
        at = frames.index(DELIMITER)
        signature, header, parent, metadata, content = frames[at + 1:]
        assert signature == conn._signature([header, parent, metadata, content])
        assert json.loads(header)["msg_id"] == msg_id and json.loads(header)["msg_type"] == "kernel_info_request"
    finally:
        conn.close()
        shell.close(0)
        iopub.close(0)


def test_the_runner_imports_nothing_of_jupyter() -> None:
    """Importing jupyter_client cost 0.2 CPU seconds in every sandbox: the runner needs only zmq."""
    look = (f"import sys; sys.path.insert(0, {str(Path(runner.__file__).parent)!r}); import runner; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('jupyter_client', 'jupyter_core', 'nbformat', 'nbclient', 'IPython', 'ipykernel', 'traitlets', 'zmq')))")
    seen = subprocess.run([sys.executable, "-c", look], capture_output=True, text=True, check=True).stdout
    assert json.loads(seen.replace("'", '"')) == []  # zmq too is imported only once the kernel has started
