package com.mvsync.testing.moto;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;

/** SSM clients for tests, pointed at the shared moto server (one process serves DynamoDB and SSM). */
public final class SsmTestClients {

    private SsmTestClients() {
    }

    public static SsmClient create(DynamoDbTestClients.RequestCounter counter) {
        return SsmClient.builder()
                .endpointOverride(URI.create(MotoServer.shared().endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(counter))
                .build();
    }

    public static SsmClient create() {
        return create(new DynamoDbTestClients.RequestCounter());
    }

    /** Deletes every parameter under a path (test clean-up). */
    public static void deleteAll(SsmClient ssm, String prefix) {
        String path = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        ssm.getParametersByPathPaginator(b -> b.path(path).recursive(true)).stream()
                .flatMap(page -> page.parameters().stream()).map(Parameter::name).toList()
                .forEach(name -> ssm.deleteParameter(b -> b.name(name)));
    }
}
