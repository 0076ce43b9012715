package io.tandem.multinode;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;

/** The REST calls of the multi-node tests, against whichever node a test names. */
final class NodeApi {

    /** An active session: its id, its customer's id and the customer's relay credential. */
    record Active(String id, String customerId, String credential) {}

    private NodeApi() {}

    private static RequestSpecification on(Node node) {
        return given().baseUri(node.base().toString()).contentType(ContentType.JSON);
    }

    static RequestSpecification as(Node node, String token) {
        return on(node).auth().oauth2(token);
    }

    /** Creates a session on {@code creator}; the customer redeems the code and consents on {@code joiner}. */
    static Active activeSession(Node creator, Node joiner, String advisorToken, String customerName) {
        JsonPath created = as(creator, advisorToken)
                .body(Map.of("customer", Map.of("name", customerName), "purpose", "multi-node relay test"))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath();
        String id = created.getString("id");
        String ticket = on(joiner).body(Map.of("code", created.getString("code"))).post("/api/join").then()
                .statusCode(200).extract().path("ticket");
        String credential = on(joiner).body(Map.of("ticket", ticket, "accept", true)).post("/api/join/consent")
                .then().statusCode(200).extract().path("credential");
        String customerId = session(joiner, advisorToken, id).getString("customer.id");
        return new Active(id, customerId, credential);
    }

    static JsonPath session(Node node, String token, String sessionId) {
        return as(node, token).get("/api/sessions/" + sessionId).then().statusCode(200).extract().jsonPath();
    }

    /** Ends the session with outcome {@code resolved}; returns the session. */
    static JsonPath end(Node node, String token, String sessionId) {
        return as(node, token).body(Map.of("outcome", "resolved", "notes", "multi-node relay test"))
                .post("/api/sessions/" + sessionId + "/end").then().statusCode(200).extract().jsonPath();
    }

    /** The touchpoints of the customer's timeline that belong to {@code sessionId}. */
    static List<Map<String, Object>> touchpoints(Node node, String token, String customerId, String sessionId) {
        List<Map<String, Object>> items = as(node, token).queryParam("size", 100)
                .get("/api/customers/" + customerId + "/timeline").then().statusCode(200).extract().jsonPath()
                .getList("items");
        return items.stream().filter(t -> sessionId.equals(t.get("sessionId"))).toList();
    }

    /** GET /q/health/{group} (ready, live, well): the status code and the body. */
    static io.restassured.response.Response health(Node node, String group) {
        return given().baseUri(node.management().toString()).get("/q/health/" + group);
    }
}
