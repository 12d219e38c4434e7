package uk.childvoice.intake.support;

import static io.restassured.RestAssured.given;

import uk.childvoice.intake.service.ProofOfWork;

/** Solves the service's proof-of-work challenge as a browser would. */
public final class Pow {
    private Pow() {
    }

    public static String header() {
        ProofOfWork.Challenge c = given().get("/api/v1/challenge").then().statusCode(200).extract().as(ProofOfWork.Challenge.class);
        return ProofOfWork.solve(c);
    }
}
