package dev.eksauth.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class TokenReviewProperties {

    @Property
    void arbitraryBodiesYieldAReviewOrOurError(@ForAll String body) {
        try {
            TokenReview.parse(body);
        } catch (InvalidTokenReviewException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property
    void jsonShapedBodiesYieldAReviewOrOurErrorThatNeverEchoesTheToken(@ForAll("bodies") String body) {
        try {
            TokenReview review = TokenReview.parse(body);
            assertThat(review.apiVersion()).isIn(TokenReview.V1, TokenReview.V1BETA1);
        } catch (InvalidTokenReviewException expected) {
            assertThat(expected.getMessage()).doesNotContain("SECRET-TOKEN");
        }
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> apiVersion = Arbitraries.of(TokenReview.V1, TokenReview.V1BETA1, "v1", "", "authentication.k8s.io/v2");
        Arbitrary<String> kind = Arbitraries.of("TokenReview", "tokenreview", "Pod", "");
        Arbitrary<String> token = Arbitraries.of("\"SECRET-TOKEN\"", "7", "null", "[\"SECRET-TOKEN\"]", "{}");
        Arbitrary<String> tail = Arbitraries.of("}", "", "}}", ",}", "]");
        return net.jqwik.api.Combinators.combine(apiVersion, kind, token, tail).as((a, k, t, end) ->
                "{\"apiVersion\":\"" + a + "\",\"kind\":\"" + k + "\",\"spec\":{\"token\":" + t + "}" + end);
    }
}
