"""How soon a waiting SQS long poll gets the S3 notification of a media upload, on the local cloud's moto.

Starts ``moto_serial.py`` (the project's launcher, or another with ``--launcher``), creates a bucket
whose object-created events go to a queue, as the media bucket's do, then ``--uploads`` times: starts
a long poll on the queue (``WaitTimeSeconds`` 10), lets it wait 2.5 s (past its first empty receive
and any recheck), uploads a small object with a presigned SigV4 POST form (how Parley's clients
upload media: ``S3UploadForms``), and prints how long after the upload the poll returned with the
event. A launcher that wakes long polls on S3 writes answers in milliseconds; one that only rechecks
every N seconds answers when the next recheck comes.

Usage: .venv/bin/python local-env/src/main/python/tools/media_handoff.py [--uploads 3] [--launcher PATH]
"""

from __future__ import annotations

import argparse
import http.client
import threading
import time
import uuid
from typing import Any

import boto3
from botocore.config import Config

import launched


def form_upload(port: int, bucket: str, post: dict[str, Any]) -> int:
    boundary = "parley-boundary"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
             for name, value in post["fields"].items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo"\r\n'
                 f"Content-Type: application/octet-stream\r\n\r\n".encode() + b"not really a photo\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("POST", f"/{bucket}", b"".join(parts),
                           {"Content-Type": f"multipart/form-data; boundary={boundary}"})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uploads", type=int, default=3)
    parser.add_argument("--launcher", metavar="PATH", default=launched.LAUNCHER,
                        help="another moto_serial.py to measure, e.g. an older commit's (git show REV:PATH > FILE)")
    args = parser.parse_args()

    with launched.moto(args.launcher) as (_, port):
        options = dict(endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
                       aws_access_key_id="test", aws_secret_access_key="test")
        s3 = boto3.client("s3", config=Config(signature_version="s3v4"), **options)
        sqs = boto3.client("sqs", **options)
        queue = sqs.create_queue(QueueName="media-uploads")["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        s3.create_bucket(Bucket="media")
        s3.put_bucket_notification_configuration(Bucket="media", NotificationConfiguration={
            "QueueConfigurations": [{"QueueArn": arn, "Events": ["s3:ObjectCreated:*"]}]})
        sqs.purge_queue(QueueUrl=queue)
        for upload in range(args.uploads):
            received: dict[str, Any] = {}

            def poll() -> None:
                answer = sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=10, MaxNumberOfMessages=1)
                received["at"] = time.perf_counter()
                received["messages"] = answer.get("Messages", [])
                for message in received["messages"]:
                    sqs.delete_message(QueueUrl=queue, ReceiptHandle=message["ReceiptHandle"])

            poller = threading.Thread(target=poll)
            poller.start()
            time.sleep(2.5)
            post = s3.generate_presigned_post("media", f"upload-{upload}-{uuid.uuid4()}")
            uploaded = time.perf_counter()
            status = form_upload(port, "media", post)
            poller.join(timeout=30)
            if not received.get("messages"):
                raise SystemExit(f"upload {upload}: status {status}, and the poll got no event")
            print(f"upload {upload}: status {status}, the poll had the event {(received['at'] - uploaded) * 1000:.0f} ms "
                  f"after the upload began")


if __name__ == "__main__":
    main()
