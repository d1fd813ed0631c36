package dev.skein.loadtool.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLineTest {

    @Test
    void writesOneLineInInsertionOrder() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("b", 1);
        value.put("a", 2.5);
        value.put("s", "q\"\n\u0001");
        value.put("l", List.of(true, false));
        value.put("n", null);
        value.put("nan", Double.NaN);
        value.put("whole", 3.0);
        assertEquals("{\"b\":1,\"a\":2.5,\"s\":\"q\\\"\\n\\u0001\",\"l\":[true,false],\"n\":null,\"nan\":null,\"whole\":3}",
                JsonLine.of(value));
    }
}
