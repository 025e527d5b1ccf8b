namespace FaxBox.Fax.SpanDsp.Tests;
