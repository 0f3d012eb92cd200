namespace Synkro.Tests.Messaging;

/// <summary>One span as exported over OTLP: enough to follow a trace across services.</summary>
public sealed record ExportedSpan(string Service, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind);

/// <summary>
/// Reads spans out of OTLP/HTTP protobuf export requests (ExportTraceServiceRequest), field by field:
/// resource_spans(1) → resource(1).attributes(1) and scope_spans(2) → spans(2) → trace_id(1),
/// span_id(2), parent_span_id(4), name(5), kind(6). No OTLP package restores here, and a test needs
/// only these fields.
/// </summary>
public static class OtlpTraces
{
    public static IEnumerable<ExportedSpan> Parse(byte[] request)
    {
        foreach (var resourceSpans in Fields(request).Where(f => f.Number == 1).Select(f => f.Bytes))
        {
            var service = "";
            var fields = Fields(resourceSpans).ToList();
            foreach (var resource in fields.Where(f => f.Number == 1))
            {
                foreach (var attribute in Fields(resource.Bytes).Where(f => f.Number == 1))
                {
                    var keyValue = Fields(attribute.Bytes).ToList();
                    if (keyValue.FirstOrDefault(f => f.Number == 1).Text == "service.name")
                    {
                        service = Fields(keyValue.First(f => f.Number == 2).Bytes).FirstOrDefault(f => f.Number == 1).Text ?? "";
                    }
                }
            }

            foreach (var scopeSpans in fields.Where(f => f.Number == 2))
            {
                foreach (var span in Fields(scopeSpans.Bytes).Where(f => f.Number == 2))
                {
                    var spanFields = Fields(span.Bytes).ToList();
                    yield return new ExportedSpan(
                        service,
                        Hex(spanFields, 1),
                        Hex(spanFields, 2),
                        Hex(spanFields, 4),
                        spanFields.FirstOrDefault(f => f.Number == 5).Text ?? "",
                        (int)spanFields.FirstOrDefault(f => f.Number == 6).Varint);
                }
            }
        }
    }

    private static string Hex(List<Field> fields, int number) =>
        fields.FirstOrDefault(f => f.Number == number).Bytes is { } bytes ? Convert.ToHexStringLower(bytes) : "";

    private readonly record struct Field(int Number, ulong Varint, byte[] Bytes)
    {
        public string? Text => Bytes is null ? null : System.Text.Encoding.UTF8.GetString(Bytes);
    }

    private static IEnumerable<Field> Fields(byte[] message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var tag = ReadVarint(message, ref position);
            var number = (int)(tag >> 3);
            switch (tag & 7)
            {
                case 0:
                    yield return new Field(number, ReadVarint(message, ref position), null!);
                    break;
                case 1:
                    position += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(message, ref position);
                    yield return new Field(number, 0, message[position..(position + length)]);
                    position += length;
                    break;
                case 5:
                    position += 4;
                    break;
                default:
                    throw new FormatException($"Unsupported protobuf wire type {tag & 7}.");
            }
        }
    }

    private static ulong ReadVarint(byte[] message, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = message[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
