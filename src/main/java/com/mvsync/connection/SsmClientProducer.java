package com.mvsync.connection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The SSM client, built from the plain AWS SDK with the URL connection client (as DynamoDB uses): the Quarkiverse
 * SSM extension is not available to this build. Created lazily, on the first settings read.
 */
@ApplicationScoped
public class SsmClientProducer {

    @Produces
    @ApplicationScoped
    SsmClient ssm(ConnectionConfig config) {
        ConnectionConfig.Ssm ssm = config.ssm();
        var builder = SsmClient.builder()
                .region(Region.of(ssm.region()))
                .httpClient(UrlConnectionHttpClient.create());
        ssm.endpointOverride().ifPresent(builder::endpointOverride);
        if (ssm.accessKeyId().isPresent() && ssm.secretAccessKey().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(ssm.accessKeyId().get(), ssm.secretAccessKey().get())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return builder.build();
    }

    void close(@Disposes SsmClient client) {
        client.close();
    }
}
