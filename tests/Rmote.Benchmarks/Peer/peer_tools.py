"""The tool the peer benchmark calls on the Python rmote: as small as BenchTools.Echo on our side."""
from rmote.protocol import Tool


class PeerTools(Tool):
    @staticmethod
    def echo(value: int) -> int:
        return value
