/**
 * AWS services this bot does not cover, by the word a learner types for them. A query naming
 * one opens a card only through a whole name that includes it ("s3 trigger" is Lambda's), never
 * through a loose word match, so "amazon s3" cannot land on the Lambda card.
 */
const otherServices: ReadonlyMap<string, string> = new Map([
  ['s3', 'Amazon S3'], ['glacier', 'Amazon S3 Glacier'], ['dynamodb', 'Amazon DynamoDB'], ['rds', 'Amazon RDS'],
  ['aurora', 'Amazon Aurora'], ['elasticache', 'Amazon ElastiCache'], ['redshift', 'Amazon Redshift'],
  ['cloudfront', 'Amazon CloudFront'], ['route53', 'Amazon Route 53'], ['vpc', 'Amazon VPC'],
  ['sqs', 'Amazon SQS'], ['sns', 'Amazon SNS'], ['eventbridge', 'Amazon EventBridge'], ['kinesis', 'Amazon Kinesis'],
  ['cloudwatch', 'Amazon CloudWatch'], ['cloudtrail', 'AWS CloudTrail'], ['cloudformation', 'AWS CloudFormation'],
  ['iam', 'AWS IAM'], ['cognito', 'Amazon Cognito'], ['inspector', 'Amazon Inspector'], ['macie', 'Amazon Macie'],
  ['guardduty', 'Amazon GuardDuty'], ['efs', 'Amazon EFS'], ['ebs', 'Amazon EBS'], ['beanstalk', 'AWS Elastic Beanstalk'],
  ['sagemaker', 'Amazon SageMaker'], ['athena', 'Amazon Athena'], ['appsync', 'AWS AppSync'], ['amplify', 'AWS Amplify'],
]);

/** The services among the query's words that no topic covers, by name: ["Amazon S3"]. */
export function otherServicesIn(words: readonly string[]): Array<{ word: string; name: string }> {
  return words.flatMap((word) => {
    const name = otherServices.get(word);
    return name === undefined ? [] : [{ word, name }];
  });
}
