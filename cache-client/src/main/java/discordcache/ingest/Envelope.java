package discordcache.ingest;

/**
 * A gateway payload's envelope: {@code op}, {@code t}, {@code s}, and the text of {@code d}. Keys come in any
 * order, so {@code d} is located (not parsed) on this pass and read once its event name is known.
 */
record Envelope(int op, String event, Long sequence, String data) {
    static Envelope read(String payload) {
        String text = stripByteOrderMark(payload);
        JsonCursor in = JsonCursor.over(text, null, "payload");
        var envelope = new Object() {
            Integer op;
            String event;
            Long sequence;
            String data;
        };
        in.object(name -> {
            switch (name) {
                case "op" -> envelope.op = in.int32();
                case "t" -> envelope.event = in.string();
                case "s" -> envelope.sequence = in.isNull() ? null : in.int64();
                case "d" -> {
                    int start = (int) in.offset();
                    in.skip();
                    envelope.data = text.substring(start, (int) in.endOffset());
                }
                default -> in.skip();
            }
        });
        in.expectEnd();
        int op = envelope.op == null ? (envelope.event != null ? 0 : -1) : envelope.op;
        if (op == -1) {
            throw new IngestException(IngestException.Kind.MISSING_FIELD, null, "op", "a gateway payload has an op");
        }
        if (op == 0 && envelope.event == null) {
            throw new IngestException(IngestException.Kind.MISSING_FIELD, null, "t", "a dispatch names its event");
        }
        if (op == 0 && envelope.data == null) {
            throw new IngestException(IngestException.Kind.MISSING_FIELD, envelope.event, "d",
                    "a dispatch carries its data");
        }
        return new Envelope(op, envelope.event, envelope.sequence, envelope.data);
    }

    private static String stripByteOrderMark(String text) {
        return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
    }
}
