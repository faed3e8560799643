cwmSamples.rows(11,[["pfsa/S3/swap/one/h0.25/c2/T16/kfinal/0",1,1,0,0,0,0,0,0],["pfsa/S3/swap/one/h0.25/c2/T16/kfinal/1",1,0,0,0,0,0,0,0],["pfsa/S3/swap/one/h0.25/c2/T16/kfinal/2",1,1,0,0,0,0,0,0]]);
