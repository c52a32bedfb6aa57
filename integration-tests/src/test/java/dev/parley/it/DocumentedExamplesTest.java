package dev.parley.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JSON examples of the README and the protocol docs match {@code docs/asyncapi.yaml}, so that
 * neither can drift from the other. Needs no running stack.
 */
class DocumentedExamplesTest {
    private final ProtocolSchemas schemas = ProtocolSchemas.instance();

    /** How many examples each document holds at least, so that an extraction that finds none cannot pass. */
    private static final Map<String, Integer> EXAMPLES_AT_LEAST = Map.of(
            "README.md", 11, "docs/protocol.md", 34, "docs/protocol/live.md", 9, "docs/protocol/media.md", 7,
            "docs/protocol/push.md", 6, "docs/protocol/sync.md", 7);

    @Test
    void every_json_example_in_the_readme_and_the_protocol_docs_matches_its_message_so_they_cannot_drift() {
        DocumentedExampleCheck check = new DocumentedExampleCheck(schemas);
        Map<String, Integer> counted = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (Path document : DocumentedExamples.documents()) {
            String name = document.toString().replace('\\', '/');
            counted.put(name, 0);
            check.findings(DocumentedExamples.in(document)).forEach((example, findings) -> {
                counted.merge(name, 1, Integer::sum);
                findings.forEach(finding -> wrong.add(example.where() + ": " + finding + "\n    " + example.json()));
            });
        }
        assertThat(wrong).isEmpty();
        EXAMPLES_AT_LEAST.forEach((document, least) ->
                assertThat(counted.get(document)).as("examples found in " + document).isGreaterThanOrEqualTo(least));
        assertThat(counted.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(74);
    }

    @Test
    void examples_are_json_blocks_and_transcript_lines_inside_code_blocks_only() {
        String markdown = String.join("\n",
                "> a blockquote, not an example",
                "```json",
                "{\"action\": \"ping\", \"requestId\": \"1\"}",
                "{\"type\": \"reply\", \"requestId\": \"1\",",
                " \"serverTime\": 1}",
                "```",
                "<!-- schema: MemberInfo -->",
                "```json",
                "{\"userId\": \"u1\", \"role\": \"admin\"}",
                "```",
                "```sh",
                "npx wscat -c ws://localhost:3001/prod",
                "> {\"action\":\"ping\",\"requestId\":\"2\"}",
                "< {\"type\":\"reply\",\"requestId\":\"2\",\"serverTime\":2}",
                "```");

        List<DocumentedExamples.Example> examples = DocumentedExamples.parse("x.md", markdown);

        assertThat(examples).extracting(DocumentedExamples.Example::where).containsExactly("x.md:2", "x.md:2", "x.md:8", "x.md:13", "x.md:14");
        assertThat(examples).extracting(DocumentedExamples.Example::direction).containsExactly(
                DocumentedExamples.Direction.UNSTATED, DocumentedExamples.Direction.UNSTATED, DocumentedExamples.Direction.UNSTATED,
                DocumentedExamples.Direction.CLIENT_TO_SERVER, DocumentedExamples.Direction.SERVER_TO_CLIENT);
        assertThat(examples.get(1).json().path("serverTime").asInt()).isEqualTo(1);
        assertThat(examples.get(2).schema()).contains("MemberInfo");
        assertThat(new DocumentedExampleCheck(schemas).findings(examples).values()).allSatisfy(findings -> assertThat(findings).isEmpty());
    }

    @Test
    void a_wrong_documented_example_is_found_and_an_elision_forgives_only_missing_fields_of_its_own_object() {
        String markdown = String.join("\n",
                "```text",
                "> {\"action\":\"ping\",\"requestId\":\"1\"}",
                "< {\"type\":\"reply\",\"requestId\":\"1\",\"serverTime\":\"soon\"}",
                "< {\"type\":\"reply\",\"requestId\":\"9\",\"serverTime\":1}",
                "< {\"action\":\"ping\",\"requestId\":\"3\"}",
                "> {\"type\":\"message\",\"...\":\"...\"}",
                "< {\"type\":\"message\",\"...\":\"...\"}",
                "< {\"type\":\"message\",\"seq\":\"43\",\"...\":\"...\"}",
                "< {\"type\":\"message\",\"text\":\"hi\",\"ciphertext\":\"AAAA\",\"alg\":\"x\",\"...\":\"...\"}",
                "< {\"type\":\"conversation\",\"conversationId\":\"g_5b1f0c2e9d4a4f6e8a7b3c2d1e0f9a8b\",\"change\":\"membersAdded\",",
                "```",
                "```json",
                "{\"type\": \"conversation\", \"...\": \"...\", \"conversation\": {\"kind\": \"group\"}}",
                "{\"userId\": \"u1\"}",
                "```");

        assertThatThrownBy(() -> DocumentedExamples.parse("x.md", markdown))
                .as("a transcript line that is not JSON").hasMessageContaining("x.md:10");

        List<DocumentedExamples.Example> examples = DocumentedExamples.parse("x.md", markdown.replace(
                "< {\"type\":\"conversation\",\"conversationId\":\"g_5b1f0c2e9d4a4f6e8a7b3c2d1e0f9a8b\",\"change\":\"membersAdded\",\n", ""));
        List<List<String>> findings = List.copyOf(new DocumentedExampleCheck(schemas).findings(examples).values());

        assertThat(findings.get(0)).as("the request").isEmpty();
        assertThat(findings.get(1)).as("serverTime as a string").isNotEmpty();
        assertThat(findings.get(2)).as("a reply to a request the document does not show").isNotEmpty();
        assertThat(findings.get(3)).as("a request shown as sent by the server").isNotEmpty();
        assertThat(findings.get(4)).as("an event shown as sent by the client").isNotEmpty();
        assertThat(findings.get(5)).as("an abridged event").isEmpty();
        assertThat(findings.get(6)).as("a field an abridged event does show, wrong").isNotEmpty();
        assertThat(findings.get(7)).as("an abridged event with both bodies").isNotEmpty();
        assertThat(findings.get(8)).as("a nested object without its own elision, missing fields").isNotEmpty();
        assertThat(findings.get(9)).as("neither a frame nor a noted schema").isNotEmpty();
    }
}
