cwmSamples.rows(5,[["perm/S5/swap/one/T8/kfinal/0",1,1,0,0,0,0,0,0],["perm/S5/swap/one/T8/kfinal/1",1,1,0,0,0,0,0,0],["perm/S5/swap/one/T8/kfinal/2",1,0,0,0,0,0,0,0]]);
